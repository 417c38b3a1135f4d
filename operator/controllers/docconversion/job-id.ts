// Deterministic job ids: the same DocConversion attempt always maps to the same id, so a
// restarted operator re-attaches to the job the pool already runs (the job API is idempotent by
// id). The uid keeps a recreated DocConversion of the same name from reusing an old result; the
// attempt number gives each retry a fresh job, since the pool also remembers failures by id.
import { createHash } from 'node:crypto';

export interface JobIdInput {
  namespace: string;
  name: string;
  uid: string;
}

export function jobIdFor(object: JobIdInput, attempt: number): string {
  const digest = createHash('sha256').update(`${object.namespace}/${object.name}/${object.uid}`).digest('hex');
  return `dconv-${digest.slice(0, 32)}-${attempt}`;
}
