// Wires the pool controller: label-selected informers on every pool kind in POD_NAMESPACE
// (always running, like the DocConversion informers) whose callbacks only enqueue the one pool
// key, and — only while this replica leads — a work queue and one worker running the reconciler.
import { randomUUID } from 'node:crypto';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../../../common/logger.ts';
import { isConflictError } from '../../kube/api-errors.ts';
import { InformerSupervisor } from '../../kube/informer-supervisor.ts';
import { identityOf, makeLeanInformer, type ObjectIdentity } from '../../kube/lean-watch.ts';
import type { NamespacedObjects } from '../../kube/namespaced-objects.ts';
import { systemClock, type Clock } from '../../clock.ts';
import { controllerRateLimiter } from '../../kube/rate-limiter.ts';
import { runWorkers, type ControllerMetrics, type ReconcileResult } from '../../kube/workers.ts';
import { WorkQueue, type WorkQueueMetrics } from '../../kube/workqueue.ts';
import type { PoolConfig } from '../../pool/config.ts';
import { POOL_KINDS, type PoolKind } from '../../pool/index.ts';
import { poolLabelSelector } from '../../pool/meta.ts';
import { PoolReconciler } from './reconciler.ts';
import { LOG } from '../../../common/log-fields.ts';

export const POOL_CONTROLLER_NAME = 'converterpool';
const POOL_KEY = 'pool';

export interface PoolControllerDeps {
  kc: KubeConfig;
  objects: NamespacedObjects;
  config: PoolConfig;
  logger: Logger;
  /** The Deployment's ready replicas after each reconcile. */
  onReadyReplicas: (ready: number) => void;
  metrics?: { workQueue: WorkQueueMetrics; controller: ControllerMetrics };
  informerBackoff: { initialMs: number; maxMs: number };
  clock?: Clock;
}

interface CachedChild extends KubernetesObject {
  metadata: ObjectIdentity;
}

/** The kinds watched: the three always built, and the optional ones that are on. */
export function watchedKinds(config: PoolConfig): PoolKind[] {
  const kinds: PoolKind[] = [POOL_KINDS.deployment, POOL_KINDS.service, POOL_KINDS.pdb];
  if (config.hpa) kinds.push(POOL_KINDS.hpa);
  if (config.networkPolicy) kinds.push(POOL_KINDS.networkPolicy);
  if (config.serviceMonitor) kinds.push(POOL_KINDS.serviceMonitor);
  return kinds;
}

export class PoolController {
  private readonly deps: PoolControllerDeps;
  readonly informers: InformerSupervisor<CachedChild>[];
  private readonly required: InformerSupervisor<CachedChild>[];
  private queue: WorkQueue<string> | undefined;

  constructor(deps: PoolControllerDeps) {
    this.deps = deps;
    const kinds = watchedKinds(deps.config);
    this.informers = kinds.map((kind) => this.makeSupervisor(kind));
    // A ServiceMonitor or NetworkPolicy informer that cannot sync (no CRD installed, no RBAC)
    // must not keep the operator unready: the reconcile reports that failure in its logs.
    const optional: PoolKind[] = [POOL_KINDS.networkPolicy, POOL_KINDS.serviceMonitor];
    this.required = this.informers.filter((_, i) => !optional.includes(kinds[i]));
  }

  /** The informers of the kinds every pool has are synced. */
  get synced(): boolean {
    return this.required.every((informer) => informer.synced);
  }

  async startInformers(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.start()));
  }

  async stopInformers(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.stop()));
  }

  /** Converges the pool until `signal` aborts (the leader's part). */
  async lead(signal: AbortSignal): Promise<void> {
    const clock = this.deps.clock ?? systemClock;
    const rateLimiter = controllerRateLimiter<string>(clock);
    const queue = new WorkQueue<string>({ clock, rateLimiter, metrics: this.deps.metrics?.workQueue });
    const reconciler = new PoolReconciler({
      objects: this.deps.objects,
      config: this.deps.config,
      onReadyReplicas: this.deps.onReadyReplicas,
    });
    this.queue = queue;
    signal.addEventListener('abort', () => queue.shutDown(), { once: true });
    queue.add(POOL_KEY);
    const metrics = this.deps.metrics?.controller;
    await runWorkers({ queue, clock, logger: this.deps.logger, metrics, reconcile: () => this.reconcileOnce(reconciler) }, 1);
    this.queue = undefined;
  }

  private async reconcileOnce(reconciler: PoolReconciler): Promise<ReconcileResult> {
    const logger = this.deps.logger.child({
      [LOG.controller]: POOL_CONTROLLER_NAME,
      [LOG.orchestratorNamespace]: this.deps.config.namespace,
      [LOG.orchestratorResourceName]: this.deps.config.name,
      [LOG.reconcileId]: randomUUID(),
    });
    try {
      return await reconciler.reconcile(logger);
    } catch (error) {
      // Lost a race with another writer (or a stale cache created twice): read again, quietly.
      if (isConflictError(error)) return { requeue: true };
      throw error;
    }
  }

  private makeSupervisor(kind: PoolKind): InformerSupervisor<CachedChild> {
    const selector = poolLabelSelector(this.deps.config);
    const objects = this.deps.objects;
    return new InformerSupervisor<CachedChild>({
      name: `${kind.plural}/${objects.namespace}`,
      informer: makeLeanInformer(
        this.deps.kc,
        { path: objects.collectionPath(kind), list: () => objects.list(kind, selector), labelSelector: selector },
        (object) => ({ metadata: identityOf(object) }),
      ),
      onObject: () => this.queue?.add(POOL_KEY),
      logger: this.deps.logger,
      backoff: this.deps.informerBackoff,
    });
  }
}
