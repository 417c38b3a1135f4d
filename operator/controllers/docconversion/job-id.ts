// Deterministic job ids: the same DocConversion attempt always maps to the same id, so a
// restarted operator re-attaches to the job the pool already runs (the job API is idempotent by
// id). The uid keeps a recreated DocConversion of the same name from reusing an old result; the
// attempt number gives each retry a fresh job, since the pool also remembers failures by id.
import { createHash } from 'node:crypto';

/** The DocConversion's metadata (a missing field counts as empty). */
export interface JobIdInput {
  namespace?: string;
  name?: string;
  uid?: string;
}

/** The job ids of an attempt and of the retry after it; the digest is computed once for both. */
export function jobIdsFor(object: JobIdInput, attempt: number): { jobId: string; nextJobId: string } {
  const { namespace = '', name = '', uid = '' } = object;
  const digest = createHash('sha256').update(`${namespace}/${name}/${uid}`).digest('hex');
  const prefix = `dconv-${digest.slice(0, 32)}`;
  return { jobId: `${prefix}-${attempt}`, nextJobId: `${prefix}-${attempt + 1}` };
}
