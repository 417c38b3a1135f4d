// Wires the DocConversion controller: informers (always running, so /readyz reflects synced
// caches on standbys too) whose callbacks only enqueue keys, and — only while this replica
// leads — a work queue, workers running the reconciler, and the attempt tracker.
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../common/logger.ts';
import { CONTROLLER_NAME, GROUP, KIND, PLURAL, VERSION } from '../../api/constants.ts';
import type { Phase } from '../../api/constants.ts';
import type { DocConversion } from '../../api/docconversion.generated.ts';
import type { ConversionClient } from '../../dispatch/client.ts';
import { isConflictError } from '../../kube/api-errors.ts';
import type { ConfigMapStore } from '../../kube/configmaps.ts';
import type { DocConversionApi } from '../../kube/docconversion-api.ts';
import type { EventRecorder } from '../../kube/events.ts';
import { InformerSupervisor } from '../../kube/informer-supervisor.ts';
import { identityOf, makeLeanInformer } from '../../kube/lean-watch.ts';
import type { ObjectIdentity } from '../../kube/lean-watch.ts';
import { runWorkers } from '../../kube/workers.ts';
import type { ReconcileResult as WorkerResult } from '../../kube/workers.ts';
import { WorkQueue } from '../../kube/workqueue.ts';
import type { Clock } from '../../clock.ts';
import { controllerRateLimiter } from '../../kube/rate-limiter.ts';
import type { OperatorMetrics } from '../../metrics.ts';
import { AttemptTracker } from './attempts.ts';
import type { Policy } from './decision.ts';
import { DocConversionReconciler, keyOf } from './reconciler.ts';
import { LOG } from '../../../common/log-fields.ts';

export interface ControllerSettings {
  /** Namespaces to watch; empty watches all. */
  namespaces: readonly string[];
  workers: number;
  /** Dispatch concurrency at start: DISPATCH_CONCURRENCY, or 0 with a managed pool until its pods are ready. */
  maxConcurrentDispatches: number;
  pollIntervalMs: number;
  fastPathMs: number;
  policy: Policy;
  informerBackoff: { initialMs: number; maxMs: number };
  /** Retention of retained results whose DocConversion names none; the pool's default when unset. */
  defaultRetainTtlSeconds?: number;
  /** Overall rate limit of requeues after failures (client-go's bucket). */
  workQueue: { qps: number; burst: number };
}

/** What the informer cache keeps of a DocConversion: its key and, for the phase gauge, its phase. */
export interface CachedDocConversion extends KubernetesObject {
  metadata: ObjectIdentity;
  status?: { phase?: Phase };
}

export function summarizeConversion(object: DocConversion): CachedDocConversion {
  const phase = object.status?.phase;
  return phase ? { metadata: identityOf(object), status: { phase } } : { metadata: identityOf(object) };
}

export interface ControllerDeps {
  kc: KubeConfig;
  api: DocConversionApi;
  configMaps: ConfigMapStore;
  client: ConversionClient;
  events: EventRecorder;
  metrics: OperatorMetrics;
  logger: Logger;
  clock: Clock;
}

export class DocConversionController {
  private readonly deps: ControllerDeps;
  private readonly settings: ControllerSettings;
  readonly informers: InformerSupervisor<CachedDocConversion>[];
  private queue: WorkQueue<string> | undefined;
  private attempts: AttemptTracker | undefined;
  private dispatchCapacity: number;

  constructor(deps: ControllerDeps, settings: ControllerSettings) {
    this.deps = deps;
    this.settings = settings;
    this.dispatchCapacity = settings.maxConcurrentDispatches;
    const namespaces = settings.namespaces.length > 0 ? settings.namespaces : [''];
    this.informers = namespaces.map((namespace) => this.makeSupervisor(namespace));
  }

  get synced(): boolean {
    return this.informers.every((informer) => informer.synced);
  }

  /** Attempts currently running in the pool (0 on standbys). */
  get inFlight(): number {
    return this.attempts?.running ?? 0;
  }

  /** DocConversions waiting for a dispatch slot (0 on standbys). */
  get waiting(): number {
    return this.attempts?.waitingCount ?? 0;
  }

  /** Conversions allowed in flight at once. */
  get capacity(): number {
    return this.dispatchCapacity;
  }

  /** Sets the dispatch concurrency (the managed pool's ready pods × conversions per pod). */
  setDispatchCapacity(capacity: number): void {
    this.dispatchCapacity = capacity;
    this.attempts?.setCapacity(capacity);
  }

  async startInformers(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.start()));
  }

  async stopInformers(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.stop()));
  }

  /** Works until `signal` aborts: the leader's part. Resolves when every worker has stopped. */
  async lead(signal: AbortSignal): Promise<void> {
    const { clock } = this.deps;
    const rateLimiter = controllerRateLimiter<string>(clock, this.settings.workQueue);
    const queue = new WorkQueue<string>({ clock, rateLimiter, metrics: this.deps.metrics.workQueue(CONTROLLER_NAME) });
    const attempts = this.makeAttempts(queue);
    const reconciler = this.makeReconciler(attempts);
    this.queue = queue;
    this.attempts = attempts;
    signal.addEventListener('abort', () => queue.shutDown(), { once: true });
    for (const informer of this.informers) for (const object of informer.cache.list()) queue.add(keyOf(object));
    this.deps.logger.info('Started workers', { [LOG.controller]: CONTROLLER_NAME, [LOG.workers]: this.settings.workers });
    await runWorkers(
      {
        queue,
        clock,
        logger: this.deps.logger,
        metrics: this.deps.metrics.controller(CONTROLLER_NAME),
        reconcile: (key) => this.reconcileOnce(reconciler, key),
      },
      this.settings.workers,
    );
    this.queue = undefined;
    this.attempts = undefined;
    this.deps.logger.info('Stopped workers', { [LOG.controller]: CONTROLLER_NAME });
  }

  /** Counts cached DocConversions by phase into the conversions gauge. */
  observePhases(): void {
    const counts: Partial<Record<Phase, number>> = {};
    for (const informer of this.informers) {
      for (const object of informer.cache.list()) {
        const phase = object.status?.phase ?? 'Pending';
        counts[phase] = (counts[phase] ?? 0) + 1;
      }
    }
    this.deps.metrics.setConversionsByPhase(counts);
  }

  private async reconcileOnce(reconciler: DocConversionReconciler, key: string): Promise<WorkerResult> {
    const [namespace, name] = key.split('/');
    const logger = this.deps.logger.child({
      [LOG.orchestratorNamespace]: namespace,
      [LOG.orchestratorResourceName]: name,
      [LOG.orchestratorResourceType]: KIND,
      [LOG.reconcileId]: randomUUID(),
    });
    try {
      return await reconciler.reconcile(key, logger);
    } catch (error) {
      // Lost an optimistic-concurrency race: someone wrote first; read again, quietly.
      if (isConflictError(error)) return { requeue: true };
      throw error;
    }
  }

  private makeSupervisor(namespace: string): InformerSupervisor<CachedDocConversion> {
    const base = `/apis/${GROUP}/${VERSION}`;
    const path = namespace ? `${base}/namespaces/${namespace}/${PLURAL}` : `${base}/${PLURAL}`;
    const list = (): Promise<KubernetesListObject<DocConversion>> => this.deps.api.list(namespace);
    return new InformerSupervisor<CachedDocConversion>({
      name: `${PLURAL}/${namespace || '*'}`,
      informer: makeLeanInformer(this.deps.kc, { path, list }, summarizeConversion),
      onObject: (object) => this.queue?.add(keyOf(object)),
      logger: this.deps.logger,
      backoff: this.settings.informerBackoff,
    });
  }

  private makeAttempts(queue: WorkQueue<string>): AttemptTracker {
    const { client, configMaps, metrics, logger, clock } = this.deps;
    return new AttemptTracker(
      {
        client,
        readSource: (namespace, ref) => configMaps.readSource(namespace, ref),
        writeOutput: (owner, name, data) => configMaps.writeOutput(owner, name, data),
        enqueue: (key) => queue.add(key),
        // A freed slot is taken at once, not after every key queued before it (a burst of new
        // DocConversions would otherwise leave the pool idle while their first reconciles run).
        wake: (key) => queue.addFirst(key),
        clock,
        logger,
        onSettled: (outcome, seconds) => metrics.observeDispatch(outcome === 'succeeded' ? 'success' : 'error', seconds),
      },
      {
        maxConcurrent: this.dispatchCapacity,
        pollIntervalMs: this.settings.pollIntervalMs,
        defaultRetainTtlSeconds: this.settings.defaultRetainTtlSeconds,
      },
    );
  }

  private makeReconciler(attempts: AttemptTracker): DocConversionReconciler {
    return new DocConversionReconciler({
      api: this.deps.api,
      attempts,
      pool: this.deps.client,
      events: this.deps.events,
      clock: this.deps.clock,
      policy: this.settings.policy,
      fastPathMs: this.settings.fastPathMs,
    });
  }
}
