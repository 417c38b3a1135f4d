// The vocabulary between gather, decide and apply: what the reconciler observed besides the
// object itself (facts), and what it has to do about it (actions, status, events).
import type { ErrorCode } from '../../../common/contract/errors.ts';
import type { DocConversionResult, DocConversionStatus } from '../../api/docconversion.generated.ts';
import type { Reason } from '../../api/constants.ts';

export interface AttemptFailure {
  code: ErrorCode;
  message: string;
  permanent: boolean;
  /** The attempt ran into spec.timeoutSeconds (as opposed to a converter-side timeout). */
  deadlineExceeded: boolean;
  retryAfterSeconds?: number;
  /** When the failure was observed; retries are timed from here. */
  at: string;
}

/** What the operator knows about the current attempt's job in the pool. */
export type AttemptView =
  | { state: 'none' }
  | { state: 'running' }
  | { state: 'succeeded'; result: DocConversionResult; at: string }
  | { state: 'failed'; failure: AttemptFailure };

/** The attempt the reconcile looks at, with its job id (job-id.ts), computed once, by gather. */
export interface ObservedAttempt {
  /** max(status.attempts, 1); after a dispatch, the attempt this reconcile dispatched. */
  number: number;
  jobId: string;
  /** The job id the next attempt (a retry) runs under. */
  nextJobId: string;
  /** What the attempt tracker knows of it. */
  view: AttemptView;
}

export interface Facts {
  now: Date;
  attempt: ObservedAttempt;
  /** A dispatch slot is free (dispatch concurrency is bounded). */
  canDispatch: boolean;
  /** The managed pool has no ready converter pod (dispatch capacity 0): say so while waiting. */
  noReadyPods?: boolean;
  /**
   * This reconcile has just dispatched the attempt and waited a moment for it (the fast path,
   * FAST_PATH_MS): decide() reports what became of it, so a job the pool answers at once (a cache
   * hit) goes straight to its final status, and never dispatches again in the same reconcile.
   */
  dispatched?: boolean;
}

export interface Policy {
  /** First retry delay; doubles per attempt. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this long in Terminating, the finalizer goes even when the pool cannot be cleaned. */
  finalizerTimeoutMs: number;
}

export type Action =
  | { type: 'addFinalizer' }
  /**
   * Starts the attempt in the background. It comes without a status: the reconciler then waits
   * a moment (the fast path), decides again with Facts.dispatched, and reports that decision.
   */
  | { type: 'dispatch'; attempt: number; jobId: string }
  | { type: 'forget' }
  | { type: 'cleanup'; jobId: string; bestEffort: boolean }
  | { type: 'removeFinalizer' }
  | { type: 'delete' };

export interface EventSpec {
  type: 'Normal' | 'Warning';
  reason: Reason;
  message: string;
}

export interface Decision {
  actions: Action[];
  /** The status to write; undefined when it is unchanged. */
  status?: DocConversionStatus;
  events: EventSpec[];
  requeueAfterMs?: number;
}
