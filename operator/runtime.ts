// Assembles a running operator from its settings and a KubeConfig: clients, informers, the
// DocConversion controller, the converter pool controller (when the pool is managed; its ready
// pods set the dispatch capacity), leader election. Informers run on every replica (so /readyz means
// "caches synced" everywhere); workers run only on the leader. main.ts and the end-to-end tests
// build it the same way.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../common/logger.ts';
import { DocConversionController } from './controllers/docconversion/controller.ts';
import { POOL_CONTROLLER_NAME, PoolController } from './controllers/pool/controller.ts';
import { NamespacedObjects } from './kube/namespaced-objects.ts';
import type { PoolConfig } from './pool/config.ts';
import type { ControllerSettings } from './controllers/docconversion/controller.ts';
import { ConversionClient } from './dispatch/client.ts';
import { makeClients } from './kube/client.ts';
import { shareDispatchers } from './kube/shared-dispatcher.ts';
import type { SharedDispatchers } from './kube/shared-dispatcher.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigMapStore } from './kube/configmaps.ts';
import { DocConversionApi } from './kube/docconversion-api.ts';
import { EventRecorder } from './kube/events.ts';
import { LeaderElector } from './kube/leader-election.ts';
import type { LeaderElectionConfig } from './kube/leader-election.ts';
import { coordinationLeaseStore } from './kube/lease-store.ts';
import type { OperatorMetrics } from './metrics.ts';
import type { KubeRest } from './kube/rest.ts';

export interface RuntimeSettings {
  converterUrl: string;
  /** Timeout of short calls to the job API (GET, DELETE, result download). */
  requestTimeoutMs: number;
  /** Largest result zip the operator downloads (configMap outputs). */
  maxResultBytes: number;
  controller: ControllerSettings;
  /** Undefined: no election, this replica always leads (single replica, tests). */
  leaderElection?: LeaderElectionConfig;
  /** reportingInstance of Events. */
  identity: string;
  /** The converter pool to keep converged; dispatch capacity then follows its ready pods. */
  pool?: PoolSettings;
}

export interface PoolSettings {
  config: PoolConfig;
  /** Conversions one ready pod takes at once (the converter's WORKERS). */
  conversionsPerPod: number;
}

export interface RuntimeDeps {
  kc: KubeConfig;
  logger: Logger;
  metrics: OperatorMetrics;
  /** The operator's one clock (tests pass a fake); systemClock by default. */
  clock?: Clock;
}

export class OperatorRuntime {
  readonly controller: DocConversionController;
  readonly pool: PoolController | undefined;
  readonly events: EventRecorder;
  private readonly deps: RuntimeDeps;
  private readonly elector: LeaderElector | undefined;
  private readonly stopLeading = new AbortController();
  private working: Promise<void> | undefined;
  private phaseTimer: NodeJS.Timeout | undefined;
  private readonly dispatchers: SharedDispatchers;

  constructor(deps: RuntimeDeps, settings: RuntimeSettings) {
    this.deps = deps;
    const clock = deps.clock ?? systemClock;
    this.dispatchers = shareDispatchers(deps.kc);
    const clients = makeClients(deps.kc);
    const client = new ConversionClient({
      baseUrl: settings.converterUrl,
      requestTimeoutMs: settings.requestTimeoutMs,
      maxResultBytes: settings.maxResultBytes,
    });
    this.events = new EventRecorder({
      events: clients.events,
      logger: deps.logger,
      controller: 'docc2context.io/operator',
      instance: settings.identity,
      clock,
    });
    this.controller = new DocConversionController(
      {
        kc: deps.kc,
        api: new DocConversionApi(clients.rest),
        configMaps: new ConfigMapStore(clients.configMaps),
        client,
        events: this.events,
        metrics: deps.metrics,
        logger: deps.logger,
        clock,
      },
      settings.controller,
    );
    this.pool = settings.pool ? this.makePool(clients.rest, settings.pool, settings.controller.informerBackoff) : undefined;
    const controller = this.controller;
    deps.metrics.observeDispatchQueue(() => ({ pending: controller.waiting, running: controller.inFlight, capacity: controller.capacity }));
    this.elector = settings.leaderElection
      ? new LeaderElector(
          { store: coordinationLeaseStore(clients.leases), clock, logger: deps.logger, metrics: deps.metrics },
          settings.leaderElection,
          { onStartedLeading: (signal) => this.lead(signal), onStoppedLeading: () => this.working },
        )
      : undefined;
  }

  get ready(): boolean {
    return this.controller.synced && (this.pool?.synced ?? true);
  }

  get leading(): boolean {
    return this.working !== undefined;
  }

  async start(): Promise<void> {
    await Promise.all([this.controller.startInformers(), this.pool?.startInformers()]);
    this.phaseTimer = setInterval(() => this.controller.observePhases(), 5000);
    this.phaseTimer.unref();
    if (this.elector) this.elector.start();
    else this.lead(this.stopLeading.signal);
  }

  /** Graceful stop: workers end (leadership released after them), then informers. */
  async stop(): Promise<void> {
    clearInterval(this.phaseTimer);
    this.stopLeading.abort();
    await this.elector?.stop();
    await this.working;
    await Promise.all([this.controller.stopInformers(), this.pool?.stopInformers()]);
    await this.dispatchers.close();
  }

  private lead(signal: AbortSignal): void {
    this.deps.logger.info('Started leading');
    this.working = Promise.all([this.controller.lead(signal), this.pool?.lead(signal)])
      .then(() => undefined)
      .finally(() => {
        this.working = undefined;
      });
  }

  private makePool(rest: KubeRest, pool: PoolSettings, informerBackoff: { initialMs: number; maxMs: number }): PoolController {
    const { metrics, logger, kc } = this.deps;
    // No pod is known to be ready until the pool's Deployment says so.
    this.controller.setDispatchCapacity(0);
    return new PoolController({
      kc,
      objects: new NamespacedObjects(rest, pool.config.namespace),
      config: pool.config,
      logger,
      informerBackoff,
      clock: this.deps.clock,
      metrics: { workQueue: metrics.workQueue(POOL_CONTROLLER_NAME), controller: metrics.controller(POOL_CONTROLLER_NAME) },
      onReadyReplicas: (ready) => {
        metrics.setPoolReadyReplicas(ready);
        this.controller.setDispatchCapacity(ready * pool.conversionsPerPod);
      },
    });
  }
}
