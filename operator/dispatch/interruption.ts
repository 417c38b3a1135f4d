// Contract §7: a converter pod going away. For a job the operator had dispatched, a poll
// answering 404 (the pod that held it is gone, or it handed the job back), 503 NOT_READY (the
// pod is draining), or no answer at all (connection refused, reset, timed out) means the job
// was interrupted, not that it failed: the same id is dispatched again (the job API is
// idempotent) and spec.retries is not spent, up to MAX_INTERRUPTIONS per attempt.
import { DispatchError, isDispatchError } from './errors.ts';

/** After this many interruptions in one attempt, it fails as a transient (retried) failure. */
export const MAX_INTERRUPTIONS = 20;

/** True for answers that say the job's pod went away rather than that the job failed. */
export function isInterruption(error: unknown): boolean {
  if (!isDispatchError(error)) return false;
  return error.noAnswer || (error.status === 503 && error.code === 'NOT_READY');
}

/** Wait before dispatching again after the n-th interruption (1-based): doubling, capped at 10 polls. */
export function interruptionDelayMs(n: number, pollIntervalMs: number): number {
  return Math.min(pollIntervalMs * 2 ** Math.max(0, n - 1), pollIntervalMs * 10);
}

export function tooManyInterruptions(count: number): DispatchError {
  return new DispatchError('NOT_READY', `The conversion was interrupted ${count} times (its converter pod went away each time)`, {
    permanent: false,
  });
}
