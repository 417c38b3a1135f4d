// decide(): the whole policy of the DocConversion controller as one pure function from the
// object and the observed facts to actions, the next status and events. No I/O, no clock:
// `facts.now` is the only time, and job ids come with the facts. A reconcile that dispatches
// calls it twice: once to dispatch, once after the fast path (Facts.dispatched) to report.
// Tested as a table in test/operator/controllers/docconversion.
import { CONDITION_SUCCEEDED, FINALIZER, REASONS, TERMINAL_PHASES } from '../../api/constants.ts';
import type { DocConversion, DocConversionStatus } from '../../api/docconversion.generated.ts';
import type { Action, AttemptFailure, Decision, EventSpec, Facts, Policy } from './decision.ts';
import { findCondition } from './conditions.ts';
import { reasonForCode } from './reasons.ts';
import { failedStatus, pendingStatus, retryingStatus, runningStatus, sameStatus, succeededStatus, totalAttempts } from './status.ts';

export function decide(object: DocConversion, facts: Facts, policy: Policy): Decision {
  if (object.metadata?.deletionTimestamp) return decideDeletion(object, facts, policy);
  if (object.status?.phase && TERMINAL_PHASES.has(object.status.phase)) return decideFinished(object, facts);
  return decideActive(object, facts, policy);
}

function hasFinalizer(object: DocConversion): boolean {
  return object.metadata?.finalizers?.includes(FINALIZER) ?? false;
}

function decideDeletion(object: DocConversion, facts: Facts, policy: Policy): Decision {
  const actions: Action[] = [{ type: 'forget' }];
  if (hasFinalizer(object)) {
    const jobId = object.status?.jobId;
    const deletingSince = Date.parse(object.metadata?.deletionTimestamp as unknown as string);
    const bestEffort = facts.now.getTime() - deletingSince >= policy.finalizerTimeoutMs;
    if (jobId) actions.push({ type: 'cleanup', jobId, bestEffort });
    actions.push({ type: 'removeFinalizer' });
  }
  return { actions, events: [] };
}

function decideFinished(object: DocConversion, facts: Facts): Decision {
  const actions: Action[] = [{ type: 'forget' }];
  const ttl = object.spec.ttlSecondsAfterFinished;
  const completion = object.status?.completionTime;
  if (ttl === undefined || completion === undefined) return { actions, events: [] };
  const deleteAt = Date.parse(completion) + ttl * 1000;
  const remaining = deleteAt - facts.now.getTime();
  if (remaining <= 0) return { actions: [...actions, { type: 'delete' }], events: [] };
  return { actions, events: [], requeueAfterMs: remaining };
}

function decideActive(object: DocConversion, facts: Facts, policy: Policy): Decision {
  const actions: Action[] = hasFinalizer(object) ? [] : [{ type: 'addFinalizer' }];
  const next = afterObserving(object, facts, policy);
  return finish(object, [...actions, ...(next.actions ?? [])], next);
}

function afterObserving(object: DocConversion, facts: Facts, policy: Policy): Partial<Decision> {
  const { number: attempt, jobId, view } = facts.attempt;
  switch (view.state) {
    case 'none':
      // After a dispatch the tracker knows the attempt; were it forgotten, it is still not dispatched twice in one reconcile.
      return facts.dispatched ? running(object, facts) : dispatchOrWait(object, facts);
    case 'running':
      return running(object, facts);
    case 'succeeded':
      return { actions: [{ type: 'forget' }], status: succeededStatus(object, view.result, { attempt, jobId }, facts.now) };
    case 'failed':
      return afterFailure(object, view.failure, facts, policy);
  }
}

/** Reports the observed attempt as Running (a status that already says so is kept as it is). */
function running(object: DocConversion, facts: Facts): Partial<Decision> {
  const { number: attempt, jobId } = facts.attempt;
  return { status: object.status?.attempts === attempt ? object.status : runningStatus(object, attempt, jobId, facts.now) };
}

/** A key waiting for a dispatch slot is woken when one frees; this recheck is the backstop. */
export const SLOT_RECHECK_MS = 5000;

function dispatchOrWait(object: DocConversion, facts: Facts): Partial<Decision> {
  const isNew = (object.status?.attempts ?? 0) === 0;
  if (!facts.canDispatch) {
    return { status: isNew ? pendingStatus(object, facts.now, facts.noReadyPods) : object.status, requeueAfterMs: SLOT_RECHECK_MS };
  }
  // A known attempt that the operator no longer tracks (restart) is re-attached: same id.
  return { actions: [{ type: 'dispatch', attempt: facts.attempt.number, jobId: facts.attempt.jobId }] };
}

function afterFailure(object: DocConversion, failure: AttemptFailure, facts: Facts, policy: Policy): Partial<Decision> {
  const { number: attempt, jobId, nextJobId } = facts.attempt;
  const reason = failure.deadlineExceeded ? REASONS.timedOut : reasonForCode(failure.code);
  if (failure.permanent || failure.deadlineExceeded) {
    return { actions: [{ type: 'forget' }], status: failedStatus(object, { reason, message: failure.message, attempt }, facts.now) };
  }
  if (attempt >= totalAttempts(object)) {
    const message = `All ${attempt} attempts failed; last error (${reason}): ${failure.message}`;
    return {
      actions: [{ type: 'forget' }],
      status: failedStatus(object, { reason: REASONS.retriesExhausted, message, attempt }, facts.now),
    };
  }
  const retryAt = new Date(Date.parse(failure.at) + retryDelayMs(attempt, failure, policy));
  const waitMs = retryAt.getTime() - facts.now.getTime();
  // The retry is never dispatched by the reconcile that dispatched the failed attempt: it reports
  // Retrying and requeues, and the next reconcile dispatches (at once when the backoff is over).
  if (waitMs > 0 || facts.dispatched) {
    const retry = { reason, message: failure.message, retryAt, attempt, jobId };
    return { status: retryingStatus(object, retry, facts.now), requeueAfterMs: Math.max(waitMs, 1) };
  }
  if (!facts.canDispatch) return { status: object.status, requeueAfterMs: SLOT_RECHECK_MS };
  return { actions: [{ type: 'dispatch', attempt: attempt + 1, jobId: nextJobId }] };
}

/** Exponential backoff per attempt, never sooner than the converter's Retry-After. */
export function retryDelayMs(attempt: number, failure: AttemptFailure, policy: Policy): number {
  const exponential = Math.min(policy.retryBaseMs * 2 ** (attempt - 1), policy.retryMaxMs);
  return Math.max(exponential, (failure.retryAfterSeconds ?? 0) * 1000);
}

function finish(object: DocConversion, actions: Action[], next: Partial<Decision> & { status?: DocConversionStatus }): Decision {
  const changed = next.status !== undefined && !sameStatus(object.status, next.status);
  const status = changed ? next.status : undefined;
  return { actions, status, events: status ? eventsFor(object.status, status) : [], requeueAfterMs: next.requeueAfterMs };
}

/** One event per user-visible transition: a new phase or a new reason of the summary condition. */
export function eventsFor(before: DocConversionStatus | undefined, after: DocConversionStatus): EventSpec[] {
  const now = findCondition(after.conditions, CONDITION_SUCCEEDED);
  if (!now || !isTransition(before, after)) return [];
  const warning = now.status === 'False' || now.reason === REASONS.retrying;
  return [{ type: warning ? 'Warning' : 'Normal', reason: now.reason as EventSpec['reason'], message: now.message }];
}

function isTransition(before: DocConversionStatus | undefined, after: DocConversionStatus): boolean {
  const was = findCondition(before?.conditions, CONDITION_SUCCEEDED)?.reason;
  const is = findCondition(after.conditions, CONDITION_SUCCEEDED)?.reason;
  return was !== is || before?.phase !== after.phase || before?.attempts !== after.attempts;
}
