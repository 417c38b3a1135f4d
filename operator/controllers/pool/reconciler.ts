// The pool reconciler: gather (the operator's own Deployment for the owner reference, every
// child live) → decide (decide.ts) → apply (create, PUT, delete) → report (the Deployment's
// ready replicas, which set the dispatch capacity). Level-triggered: one key, the whole pool
// converged on every call; a conflict just requeues.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../../../common/logger.ts';
import { statusCodeOf } from '../../kube/api-errors.ts';
import type { NamespacedObjects } from '../../kube/namespaced-objects.ts';
import type { PoolConfig } from '../../pool/config.ts';
import { POOL_KINDS, buildPool, kindOf, type PoolPlan } from '../../pool/index.ts';
import type { PoolOwner } from '../../pool/meta.ts';
import { decidePool, readyReplicasOf, type LiveChildren, type PoolAction } from './decide.ts';
import { LOG } from '../../../common/log-fields.ts';

export interface PoolReconcilerDeps {
  objects: Pick<NamespacedObjects, 'get' | 'create' | 'replace' | 'delete'>;
  config: PoolConfig;
  /** Called after every reconcile that read the Deployment: its status.readyReplicas. */
  onReadyReplicas: (ready: number) => void;
}

export interface PoolReconcileResult {
  requeueAfterMs?: number;
}

/** Backstop resync: the informers normally trigger reconciles. */
export const POOL_RESYNC_MS = 5 * 60_000;

export class PoolReconciler {
  private readonly deps: PoolReconcilerDeps;
  private missingOwnerLogged = false;

  constructor(deps: PoolReconcilerDeps) {
    this.deps = deps;
  }

  async reconcile(logger: Logger): Promise<PoolReconcileResult> {
    const plan = buildPool(this.deps.config, await this.owner(logger));
    const live = await this.gather(plan);
    let deployment = live.get(POOL_KINDS.deployment.kind);
    // One child failing (e.g. no ServiceMonitor CRD installed) must not stop the others, nor
    // the capacity report; the first failure is rethrown so the key backs off.
    const failures: unknown[] = [];
    for (const action of decidePool(plan, live)) {
      try {
        const written = await this.apply(action, logger);
        if (action.kind === POOL_KINDS.deployment && written) deployment = written;
      } catch (error) {
        failures.push(error);
      }
    }
    this.deps.onReadyReplicas(readyReplicasOf(deployment));
    if (failures.length > 0) throw failures[0];
    return { requeueAfterMs: POOL_RESYNC_MS };
  }

  private async owner(logger: Logger): Promise<PoolOwner | undefined> {
    const name = this.deps.config.ownerDeployment;
    if (!name) return undefined;
    const found = await this.deps.objects.get(POOL_KINDS.deployment, name);
    const uid = found?.metadata?.uid;
    if (uid) return { name, uid };
    if (!this.missingOwnerLogged)
      logger.warn('Built the pool without an owner: the operator Deployment was not found', { [LOG.poolOwnerDeployment]: name });
    this.missingOwnerLogged = true;
    return undefined;
  }

  private async gather(plan: PoolPlan): Promise<LiveChildren> {
    const name = this.deps.config.name;
    const desired = plan.desired.map(kindOf);
    const objects = await Promise.all([
      ...desired.map((kind) => this.deps.objects.get(kind, name)),
      // A kind that is off may be unknown to the cluster (no ServiceMonitor CRD) or not granted
      // to the operator (least-privilege RBAC): then there is nothing of ours to remove.
      ...plan.absent.map((kind) =>
        this.deps.objects.get(kind, name).catch((error: unknown) => {
          if (statusCodeOf(error) === 403) return undefined;
          throw error;
        }),
      ),
    ]);
    const kinds = [...desired, ...plan.absent];
    return new Map(kinds.map((kind, i) => [kind.kind, objects[i]]));
  }

  private async apply(action: PoolAction, logger: Logger): Promise<KubernetesObject | undefined> {
    const fields = { [LOG.orchestratorResourceType]: action.kind.kind, [LOG.orchestratorResourceName]: action.object.metadata?.name };
    switch (action.type) {
      case 'create': {
        const created = await this.deps.objects.create(action.kind, action.object);
        logger.info(`Created ${action.kind.kind}`, fields);
        return created;
      }
      case 'update': {
        const updated = await this.deps.objects.replace(action.kind, action.object);
        logger.info(`Updated ${action.kind.kind}`, fields);
        return updated;
      }
      case 'delete':
        await this.deps.objects.delete(action.kind, action.object);
        logger.info(`Deleted ${action.kind.kind}`, fields);
        return undefined;
    }
  }
}
