// Fingerprint of a job request: the same id sent again with the same body is a retry; with a
// different body it is a CONFLICT. Canonical JSON (sorted keys) so key order does not matter.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.ts';
import type { ConversionJobRequest } from '../../common/contract/conversion-job.ts';

export function requestHash(request: ConversionJobRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}
