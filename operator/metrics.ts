// The operator's Prometheus metrics, on its own registry. Names and labels follow
// controller-runtime (pkg/internal/controller/metrics, pkg/internal/metrics/workqueue.go,
// pkg/metrics/leaderelection.go) so stock dashboards and alerts work; our own metrics carry
// the docc2context_operator_ prefix.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { createRegistry } from '../common/metrics.ts';
import { PHASES, type Phase } from './api/constants.ts';
import type { ControllerMetrics, ReconcileOutcome } from './kube/workers.ts';
import type { UnfinishedWork, WorkQueueMetrics } from './kube/workqueue.ts';

/** client-go's ExponentialBuckets(10e-9, 10, 12): 10 ns … 1000 s. */
const WORKQUEUE_BUCKETS = Array.from({ length: 12 }, (_, i) => Number((1e-8 * 10 ** i).toPrecision(1)));
/** controller-runtime's reconcile_time_seconds buckets. */
const RECONCILE_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5,
  5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];
const DISPATCH_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const RESULTS: readonly ReconcileOutcome[] = ['success', 'error', 'requeue', 'requeue_after'];

export type DispatchResult = 'success' | 'error';

export interface OperatorMetrics {
  readonly registry: Registry;
  /** Metrics hooks for the work queue of controller `name` (labels name and controller). */
  workQueue(name: string): WorkQueueMetrics;
  /** Metrics hooks for the worker loop of controller `name`; pre-initialises its counters. */
  controller(name: string): ControllerMetrics;
  /** leader_election_master_status{name}: 1 while this replica leads the lease `name`. */
  setLeader(name: string, leading: boolean): void;
  /** docc2context_operator_conversions{phase}: how many DocConversions are in each phase. */
  setConversionsByPhase(counts: Partial<Record<Phase, number>>): void;
  observeDispatch(result: DispatchResult, seconds: number): void;
  /** The dispatch gauges (pending, running, capacity), read from `source` at scrape time. */
  observeDispatchQueue(source: () => DispatchQueueState): void;
  /** docc2context_operator_pool_ready_replicas: the pool Deployment's ready pods as last observed. */
  setPoolReadyReplicas(ready: number): void;
}

export interface DispatchQueueState {
  /** Conversions waiting for a dispatch slot. */
  pending: number;
  /** Conversions dispatched and not finished. */
  running: number;
  /** Current dispatch concurrency. */
  capacity: number;
}

function dispatchQueueInstruments(registry: Registry, sources: { queue?: () => DispatchQueueState }) {
  const fromSource = (pick: (state: DispatchQueueState) => number) =>
    function collect(this: Gauge): void {
      if (sources.queue) this.set(pick(sources.queue()));
    };
  return {
    pending: new Gauge({
      name: 'docc2context_operator_pending_conversions',
      help: 'Conversions waiting for a dispatch slot (the backlog)',
      registers: [registry],
      collect: fromSource((s) => s.pending),
    }),
    running: new Gauge({
      name: 'docc2context_operator_running_conversions',
      help: 'Conversions dispatched to the converter pool and not finished',
      registers: [registry],
      collect: fromSource((s) => s.running),
    }),
    capacity: new Gauge({
      name: 'docc2context_operator_dispatch_capacity',
      help: 'Current dispatch concurrency: ready pool pods × conversions per pod, or DISPATCH_CONCURRENCY without a managed pool',
      registers: [registry],
      collect: fromSource((s) => s.capacity),
    }),
    ready: new Gauge({
      name: 'docc2context_operator_pool_ready_replicas',
      help: 'Ready converter pods of the managed pool, as last observed',
      registers: [registry],
    }),
  };
}

export interface OperatorMetricsOptions {
  /** process_* and nodejs_* metrics; off in tests that build many registries. */
  defaultMetrics: boolean;
}

function workQueueInstruments(registry: Registry, unfinished: Map<string, () => UnfinishedWork>) {
  const labelNames = ['name', 'controller'] as const;
  const fromSources = (pick: (work: UnfinishedWork) => number) =>
    function collect(this: Gauge<'name' | 'controller'>): void {
      for (const [name, source] of unfinished) this.set({ name, controller: name }, pick(source()));
    };
  return {
    depth: new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames, registers: [registry] }),
    adds: new Counter({
      name: 'workqueue_adds_total',
      help: 'Total number of adds handled by workqueue',
      labelNames,
      registers: [registry],
    }),
    queueDuration: new Histogram({
      name: 'workqueue_queue_duration_seconds',
      help: 'How long in seconds an item stays in workqueue before being requested',
      labelNames,
      buckets: WORKQUEUE_BUCKETS,
      registers: [registry],
    }),
    workDuration: new Histogram({
      name: 'workqueue_work_duration_seconds',
      help: 'How long in seconds processing an item from workqueue takes',
      labelNames,
      buckets: WORKQUEUE_BUCKETS,
      registers: [registry],
    }),
    retries: new Counter({
      name: 'workqueue_retries_total',
      help: 'Total number of retries handled by workqueue',
      labelNames,
      registers: [registry],
    }),
    unfinished: new Gauge({
      name: 'workqueue_unfinished_work_seconds',
      help: "How many seconds of work has been done that is in progress and hasn't been observed by work_duration",
      labelNames,
      registers: [registry],
      collect: fromSources((work) => work.unfinishedSeconds),
    }),
    longest: new Gauge({
      name: 'workqueue_longest_running_processor_seconds',
      help: 'How many seconds has the longest running processor for workqueue been running',
      labelNames,
      registers: [registry],
      collect: fromSources((work) => work.longestRunningSeconds),
    }),
  };
}

function controllerInstruments(registry: Registry) {
  const labelNames = ['controller'] as const;
  return {
    total: new Counter({
      name: 'controller_runtime_reconcile_total',
      help: 'Total number of reconciliations per controller',
      labelNames: ['controller', 'result'] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'controller_runtime_reconcile_errors_total',
      help: 'Total number of reconciliation errors per controller',
      labelNames,
      registers: [registry],
    }),
    terminal: new Counter({
      name: 'controller_runtime_terminal_reconcile_errors_total',
      help: 'Total number of terminal reconciliation errors per controller',
      labelNames,
      registers: [registry],
    }),
    time: new Histogram({
      name: 'controller_runtime_reconcile_time_seconds',
      help: 'Length of time per reconciliation per controller',
      labelNames,
      buckets: RECONCILE_BUCKETS,
      registers: [registry],
    }),
    maxConcurrent: new Gauge({
      name: 'controller_runtime_max_concurrent_reconciles',
      help: 'Maximum number of concurrent reconciles per controller',
      labelNames,
      registers: [registry],
    }),
    active: new Gauge({
      name: 'controller_runtime_active_workers',
      help: 'Number of currently used workers per controller',
      labelNames,
      registers: [registry],
    }),
  };
}

export function createOperatorMetrics(options: OperatorMetricsOptions): OperatorMetrics {
  const registry = createRegistry({ defaultMetrics: options.defaultMetrics });
  const unfinished = new Map<string, () => UnfinishedWork>();
  const queue = workQueueInstruments(registry, unfinished);
  const reconcile = controllerInstruments(registry);
  const leader = new Gauge({
    name: 'leader_election_master_status',
    help: 'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master',
    labelNames: ['name'] as const,
    registers: [registry],
  });
  const conversions = new Gauge({
    name: 'docc2context_operator_conversions',
    help: 'DocConversions by phase, as last observed by the operator',
    labelNames: ['phase'] as const,
    registers: [registry],
  });
  const dispatch = new Histogram({
    name: 'docc2context_operator_dispatch_duration_seconds',
    help: 'Time from dispatching a conversion to the converter pool until its result',
    labelNames: ['result'] as const,
    buckets: DISPATCH_BUCKETS,
    registers: [registry],
  });
  for (const phase of PHASES) conversions.set({ phase }, 0);
  const queueSources: { queue?: () => DispatchQueueState } = {};
  const dispatchQueue = dispatchQueueInstruments(registry, queueSources);

  return {
    registry,
    workQueue(name) {
      const labels = { name, controller: name };
      queue.depth.set(labels, 0);
      queue.adds.inc(labels, 0);
      queue.retries.inc(labels, 0);
      return {
        added() {
          queue.adds.inc(labels);
          queue.depth.inc(labels);
        },
        taken(queuedMs) {
          queue.depth.dec(labels);
          queue.queueDuration.observe(labels, queuedMs / 1000);
        },
        finished: (workMs) => queue.workDuration.observe(labels, workMs / 1000),
        retried: () => queue.retries.inc(labels),
        observeUnfinishedWork: (source) => void unfinished.set(name, source),
      };
    },
    controller(controller) {
      for (const result of RESULTS) reconcile.total.inc({ controller, result }, 0);
      reconcile.errors.inc({ controller }, 0);
      // Exposed at 0 like controller-runtime's, for its dashboards: no reconcile error is terminal here.
      reconcile.terminal.inc({ controller }, 0);
      reconcile.active.set({ controller }, 0);
      return {
        setMaxConcurrentReconciles: (workers) => reconcile.maxConcurrent.set({ controller }, workers),
        activeWorkersChanged: (delta) => reconcile.active.inc({ controller }, delta),
        reconciled(outcome, seconds) {
          reconcile.total.inc({ controller, result: outcome });
          reconcile.time.observe({ controller }, seconds);
        },
        reconcileError: () => reconcile.errors.inc({ controller }),
      };
    },
    setLeader: (name, leading) => leader.set({ name }, leading ? 1 : 0),
    setConversionsByPhase(counts) {
      for (const phase of PHASES) conversions.set({ phase }, counts[phase] ?? 0);
    },
    observeDispatch: (result, seconds) => dispatch.observe({ result }, seconds),
    observeDispatchQueue(source) {
      queueSources.queue = source;
    },
    setPoolReadyReplicas: (ready) => dispatchQueue.ready.set(ready),
  };
}
