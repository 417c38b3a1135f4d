// The DocConversion reconciler: gather → decide → apply → report, keyed by namespace/name.
// Level-triggered: every call re-reads the object and enforces the whole state; decide() holds
// all policy, this file only performs what it asks for. When decide() dispatches, the reconciler
// waits up to fastPathMs for the attempt and gathers and decides once more
// (Facts.dispatched): that second decision is the one reported.
import type { Logger } from '../../../common/logger.ts';
import { FINALIZER } from '../../api/constants.ts';
import type { DocConversion } from '../../api/docconversion.generated.ts';
import type { ConversionClient } from '../../dispatch/client.ts';
import { isNotFound } from '../../kube/api-errors.ts';
import type { DocConversionApi } from '../../kube/docconversion-api.ts';
import type { EventRecorder } from '../../kube/events.ts';
import { sleep, type Clock } from '../../clock.ts';
import type { AttemptTracker } from './attempts.ts';
import { decide } from './decide.ts';
import type { Action, Decision, Facts, Policy } from './decision.ts';
import { jobIdsFor } from './job-id.ts';
import { LOG } from '../../../common/log-fields.ts';

export interface ReconcilerDeps {
  api: Pick<DocConversionApi, 'get' | 'patchStatus' | 'setFinalizers' | 'delete'>;
  attempts: AttemptTracker;
  pool: Pick<ConversionClient, 'delete'>;
  events: Pick<EventRecorder, 'record'>;
  clock: Clock;
  policy: Policy;
  /** How long a reconcile that dispatched waits for the attempt before deciding again. */
  fastPathMs: number;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
}

export function keyOf(object: { metadata?: { namespace?: string; name?: string } }): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

export class DocConversionReconciler {
  private readonly deps: ReconcilerDeps;

  constructor(deps: ReconcilerDeps) {
    this.deps = deps;
  }

  async reconcile(key: string, logger: Logger): Promise<ReconcileResult> {
    const [namespace, name] = key.split('/');
    const object = await this.deps.api.get(namespace, name);
    if (!object) {
      this.deps.attempts.forget(key);
      return {};
    }
    try {
      return await this.converge(key, object, logger);
    } catch (error) {
      // Deleted while we worked on it: nothing left to converge.
      if (isNotFound(error)) {
        this.deps.attempts.forget(key);
        return {};
      }
      throw error;
    }
  }

  private async converge(key: string, fetched: DocConversion, logger: Logger): Promise<ReconcileResult> {
    const decision = decide(fetched, this.gather(key, fetched), this.deps.policy);
    const { object, dispatched } = await this.applyActions(key, fetched, decision.actions, logger);
    if (!dispatched) return this.report(key, object, { decision, dispatched: false }, logger);
    const fastPath = new AbortController();
    await Promise.race([dispatched.settled, sleep(this.deps.clock, this.deps.fastPathMs, fastPath.signal)]);
    fastPath.abort();
    const outcome = decide(object, { ...this.gather(key, object, dispatched.attempt), dispatched: true }, this.deps.policy);
    return this.report(key, object, { decision: outcome, dispatched: true }, logger);
  }

  /** The facts about the current attempt (max(status.attempts, 1)), or about the one just dispatched. */
  private gather(key: string, object: DocConversion, dispatchedAttempt?: number): Facts {
    const number = dispatchedAttempt ?? Math.max(object.status?.attempts ?? 0, 1);
    const { jobId, nextJobId } = jobIdsFor(object.metadata ?? {}, number);
    const view = this.deps.attempts.view(key, jobId);
    // A tracked or just-dispatched attempt holds its slot; only an untracked one asks for a slot.
    const canDispatch = view.state !== 'none' || dispatchedAttempt !== undefined || this.deps.attempts.canDispatch(key);
    const noReadyPods = this.deps.attempts.capacity === 0;
    return { now: new Date(this.deps.clock.now()), attempt: { number, jobId, nextJobId, view }, canDispatch, noReadyPods };
  }

  private async applyActions(
    key: string,
    start: DocConversion,
    actions: Action[],
    logger: Logger,
  ): Promise<{ object: DocConversion; dispatched?: { attempt: number; settled: Promise<void> } }> {
    let object = start;
    let dispatched: { attempt: number; settled: Promise<void> } | undefined;
    for (const action of actions) {
      if (action.type === 'dispatch') {
        dispatched = { attempt: action.attempt, settled: this.deps.attempts.start(key, object, action.jobId, logger) };
        logger.info('Dispatched conversion', { [LOG.attempt]: action.attempt, [LOG.jobId]: action.jobId });
      } else {
        object = await this.applyOne(object, action, logger);
      }
    }
    return { object, dispatched };
  }

  private async applyOne(object: DocConversion, action: Action, logger: Logger): Promise<DocConversion> {
    const finalizers = object.metadata?.finalizers ?? [];
    switch (action.type) {
      case 'addFinalizer':
        return this.deps.api.setFinalizers(object, [...finalizers, FINALIZER]);
      case 'removeFinalizer':
        return this.deps.api.setFinalizers(
          object,
          finalizers.filter((f) => f !== FINALIZER),
        );
      case 'cleanup':
        await this.cleanup(action.jobId, action.bestEffort, logger);
        return object;
      case 'delete':
        await this.deps.api.delete(object);
        logger.info('Deleted finished DocConversion after its TTL');
        return object;
      default:
        // forget runs after the status is written (see report); dispatch in applyActions.
        return object;
    }
  }

  private async cleanup(jobId: string, bestEffort: boolean, logger: Logger): Promise<void> {
    try {
      await this.deps.pool.delete(jobId);
    } catch (error) {
      if (!bestEffort) throw error;
      logger.warn('Removed finalizer without cleaning the pool', { [LOG.jobId]: jobId, [LOG.error]: error });
    }
  }

  /** Writes the decision's status, forgets a settled attempt, records the events (as Dispatch when this reconcile dispatched). */
  private async report(
    key: string,
    start: DocConversion,
    reported: { decision: Decision; dispatched: boolean },
    logger: Logger,
  ): Promise<ReconcileResult> {
    const { decision } = reported;
    let object = start;
    if (decision.status && !object.metadata?.deletionTimestamp) {
      object = await this.deps.api.patchStatus(object, decision.status);
      logger.info('Updated DocConversion status', {
        [LOG.statusPhase]: decision.status.phase,
        [LOG.statusAttempts]: decision.status.attempts,
      });
    }
    if (decision.actions.some((action) => action.type === 'forget')) this.deps.attempts.forget(key);
    const action = reported.dispatched ? 'Dispatch' : 'Reconcile';
    await Promise.all(
      decision.events.map((event) =>
        this.deps.events.record(object, { type: event.type, reason: event.reason, note: event.message, action }),
      ),
    );
    return { requeueAfterMs: decision.requeueAfterMs };
  }
}
