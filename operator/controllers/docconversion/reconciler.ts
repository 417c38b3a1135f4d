// The DocConversion reconciler: gather → decide → apply → report, keyed by namespace/name.
// Level-triggered: every call re-reads the object and enforces the whole state; decide() holds
// all policy, this file only performs what it asks for.
import type { Logger } from '../../../common/logger.ts';
import { FINALIZER } from '../../api/constants.ts';
import type { DocConversion } from '../../api/docconversion.generated.ts';
import type { ConversionClient } from '../../dispatch/client.ts';
import { isNotFound } from '../../kube/api-errors.ts';
import type { DocConversionApi } from '../../kube/docconversion-api.ts';
import type { EventRecorder } from '../../kube/events.ts';
import type { AttemptTracker } from './attempts.ts';
import { decide } from './decide.ts';
import type { Action, Decision, Facts, Policy } from './decision.ts';
import { jobIdFor } from './job-id.ts';

export interface ReconcilerDeps {
  api: Pick<DocConversionApi, 'get' | 'patchStatus' | 'setFinalizers' | 'delete'>;
  attempts: AttemptTracker;
  pool: Pick<ConversionClient, 'delete'>;
  events: Pick<EventRecorder, 'record'>;
  clock: () => Date;
  policy: Policy;
  /** How long a reconcile waits for a fresh dispatch before reporting it as Running. */
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
    let object = fetched;
    let decision = decide(object, this.gather(key, object), this.deps.policy);
    const dispatched = await this.applyActions(key, object, decision.actions, logger);
    object = dispatched.object;
    if (dispatched.settled) {
      // Fast path: a job the pool answers at once (cache hit) goes straight to its final status.
      await Promise.race([dispatched.settled, delay(this.deps.fastPathMs)]);
      const again = decide(object, this.gather(key, object), this.deps.policy);
      if (again.actions.every((action) => action.type === 'forget')) decision = { ...again, actions: [...decision.actions, ...again.actions] };
    }
    return this.report(key, object, decision, logger);
  }

  private gather(key: string, object: DocConversion): Facts {
    const attempt = Math.max(object.status?.attempts ?? 0, 1);
    const jobId = jobIdFor(identity(object), attempt);
    const view = this.deps.attempts.view(key, jobId);
    const canDispatch = view.state !== 'none' || this.deps.attempts.canDispatch(key);
    return { now: this.deps.clock(), attempt: view, canDispatch, noReadyPods: this.deps.attempts.capacity === 0 };
  }

  private async applyActions(
    key: string,
    start: DocConversion,
    actions: Action[],
    logger: Logger,
  ): Promise<{ object: DocConversion; settled?: Promise<void> }> {
    let object = start;
    let settled: Promise<void> | undefined;
    for (const action of actions) {
      if (action.type === 'dispatch') {
        settled = this.deps.attempts.start(key, object, action.jobId, logger);
        logger.info('Dispatched conversion', { attempt: action.attempt, jobId: action.jobId });
      } else {
        object = await this.applyOne(object, action, logger);
      }
    }
    return { object, settled };
  }

  private async applyOne(object: DocConversion, action: Action, logger: Logger): Promise<DocConversion> {
    const finalizers = object.metadata?.finalizers ?? [];
    switch (action.type) {
      case 'addFinalizer':
        return this.deps.api.setFinalizers(object, [...finalizers, FINALIZER]);
      case 'removeFinalizer':
        return this.deps.api.setFinalizers(object, finalizers.filter((f) => f !== FINALIZER));
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
      logger.warn('Removed finalizer without cleaning the pool', { jobId, err: error });
    }
  }

  private async report(key: string, start: DocConversion, decision: Decision, logger: Logger): Promise<ReconcileResult> {
    let object = start;
    if (decision.status && !object.metadata?.deletionTimestamp) {
      object = await this.deps.api.patchStatus(object, decision.status);
      logger.info('Updated DocConversion status', { phase: decision.status.phase, attempts: decision.status.attempts });
    }
    if (decision.actions.some((action) => action.type === 'forget')) this.deps.attempts.forget(key);
    const action = decision.actions.some((a) => a.type === 'dispatch') ? 'Dispatch' : 'Reconcile';
    await Promise.all(decision.events.map((event) => this.deps.events.record(object, { type: event.type, reason: event.reason, note: event.message, action })));
    return { requeueAfterMs: decision.requeueAfterMs };
  }
}

function identity(object: DocConversion): { namespace: string; name: string; uid: string } {
  const meta = object.metadata ?? {};
  return { namespace: meta.namespace ?? '', name: meta.name ?? '', uid: meta.uid ?? '' };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
