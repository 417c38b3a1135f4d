// Fingerprint of a job request: the same id sent again with the same body is a retry; with a
// different body it is a CONFLICT. Canonical JSON (sorted keys) so key order does not matter.
import { createHash } from 'node:crypto';
import type { ConversionJobRequest } from '../../common/contract/conversion-job.ts';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, canonical(child)]));
}

export function requestHash(request: ConversionJobRequest): string {
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
}
