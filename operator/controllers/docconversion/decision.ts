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

export interface Facts {
  now: Date;
  /** The tracked attempt whose number is max(status.attempts, 1), or none. */
  attempt: AttemptView;
  /** A dispatch slot is free (dispatch concurrency is bounded). */
  canDispatch: boolean;
  /** The managed pool has no ready converter pod (dispatch capacity 0): say so while waiting. */
  noReadyPods?: boolean;
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
