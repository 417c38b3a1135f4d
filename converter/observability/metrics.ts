// The converter's Prometheus metrics, on the process's own registry with the docc2context_ prefix.
// Every metric here is documented in docs/metrics.md; labels are bounded (routes, codes, engines).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { createRegistry } from '../../common/metrics.ts';
import type { RunnerStats } from '../runner/types.ts';

export const METRIC_PREFIX = 'docc2context_';

/** Values of the `result` label (public: alerts, dashboards and docs/metrics.md use them). */
export type ConversionResultLabel = 'success' | 'rejected' | 'failed' | 'timeout' | 'overloaded' | 'cancelled' | 'error';

export interface ConverterMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
  conversions: Counter<'result' | 'engine'>;
  conversionDuration: Histogram<'result' | 'engine'>;
  archiveBytes: Histogram;
  outputFiles: Histogram;
  outputBytes: Histogram;
  validationFailures: Counter<'reason'>;
  /** Builtin worker threads thrown away mid-conversion: out_of_memory, crash, timeout, aborted. */
  workerRestarts: Counter<'reason'>;
}

export interface MetricsOptions {
  /** Process and Node defaults (off in most unit tests to keep scrapes small). */
  defaultMetrics: boolean;
  /** Read at scrape time for the in-flight, queued and pool-size gauges. */
  runnerStats?: () => RunnerStats;
  registry?: Registry;
  /** The memory budget (MEMORY_LIMIT_BYTES or the cgroup limit); the gauge exists only when there is one. */
  memoryBudgetBytes?: number;
}

const SIZE_BUCKETS = [1024, 16_384, 131_072, 1_048_576, 4_194_304, 16_777_216, 67_108_864, 268_435_456];
const FILE_BUCKETS = [1, 10, 50, 100, 500, 1000, 5000, 20_000];
const DURATION_BUCKETS = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createConverterMetrics(options: MetricsOptions): ConverterMetrics {
  const registry = options.registry ?? createRegistry({ defaultMetrics: options.defaultMetrics, prefix: METRIC_PREFIX });
  const registers = [registry];
  const metrics: ConverterMetrics = {
    registry,
    httpRequests: new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'HTTP requests handled, by route template, method and status code.',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Time from request start to the last response byte, by route template, method and status code.',
      labelNames: ['route', 'method', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    conversions: new Counter({
      name: `${METRIC_PREFIX}conversions_total`,
      help: 'Conversion requests by result and engine.',
      labelNames: ['result', 'engine'],
      registers,
    }),
    conversionDuration: new Histogram({
      name: `${METRIC_PREFIX}conversion_duration_seconds`,
      help: 'Time spent running the engine on one archive, by result and engine.',
      labelNames: ['result', 'engine'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    archiveBytes: new Histogram({
      name: `${METRIC_PREFIX}archive_bytes`,
      help: 'Size of uploaded archives in bytes (as received).',
      buckets: SIZE_BUCKETS,
      registers,
    }),
    outputFiles: new Histogram({
      name: `${METRIC_PREFIX}output_files`,
      help: 'Files in each result zip.',
      buckets: FILE_BUCKETS,
      registers,
    }),
    outputBytes: new Histogram({
      name: `${METRIC_PREFIX}output_bytes`,
      help: 'Size of each result zip in bytes.',
      buckets: SIZE_BUCKETS,
      registers,
    }),
    validationFailures: new Counter({
      name: `${METRIC_PREFIX}validation_failures_total`,
      help: 'Uploads rejected before conversion, by reason (the error code).',
      labelNames: ['reason'],
      registers,
    }),
    workerRestarts: new Counter({
      name: `${METRIC_PREFIX}worker_restarts_total`,
      help: 'Worker threads replaced because their conversion ran out of memory, crashed, timed out or was cancelled.',
      labelNames: ['reason'],
      registers,
    }),
  };
  if (options.runnerStats) registerRunnerGauges(registry, options.runnerStats);
  if (options.memoryBudgetBytes !== undefined) {
    const budget = new Gauge({
      name: `${METRIC_PREFIX}memory_budget_bytes`,
      help: 'Memory the converter keeps main thread and workers under (MEMORY_LIMIT_BYTES or the cgroup limit).',
      registers,
    });
    budget.set(options.memoryBudgetBytes);
  }
  return metrics;
}

function registerRunnerGauges(registry: Registry, stats: () => RunnerStats): void {
  const gauge = (name: string, help: string, pick: (s: RunnerStats) => number): void => {
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [registry],
      collect(this: Gauge) {
        this.set(pick(stats()));
      },
    });
  };
  gauge('conversions_in_flight', 'Conversions running now.', (s) => s.inFlight);
  gauge('conversions_queued', 'Conversions waiting for a free worker.', (s) => s.queued);
  gauge('worker_pool_size', 'Conversions that can run at once (worker threads or subprocess slots).', (s) => s.capacity);
  gauge('queue_limit', 'Conversions that may wait before new ones get 503.', (s) => s.queueLimit);
}
