// The metric names and label names our own registries expose, from the real factories (the
// operator's and the converter's, with the store, job API and rate limiter metrics it registers),
// plus the metrics from outside (kube-state-metrics, cAdvisor, Prometheus) the alerts and the
// dashboard may use; docs/operations.md lists those in "Metrics from outside".
import type { Registry } from 'prom-client';
import { createConverterMetrics } from '../../../converter/observability/metrics.ts';
import { createJobMetrics } from '../../../converter/jobs/metrics.ts';
import { createRateLimitedCounter } from '../../../converter/ratelimit/metrics.ts';
import { createStoreMetrics } from '../../../converter/store/metrics.ts';
import { createOperatorMetrics } from '../../../operator/metrics.ts';

export const OUTSIDE_METRICS: ReadonlyMap<string, string> = new Map([
  ['up', 'Prometheus'],
  ['kube_deployment_status_replicas_available', 'kube-state-metrics'],
  ['kube_horizontalpodautoscaler_spec_min_replicas', 'kube-state-metrics'],
  ['kube_horizontalpodautoscaler_status_desired_replicas', 'kube-state-metrics'],
  ['kube_horizontalpodautoscaler_status_current_replicas', 'kube-state-metrics'],
  ['kube_pod_container_resource_limits', 'kube-state-metrics'],
  ['container_memory_working_set_bytes', 'cAdvisor (kubelet)'],
  ['container_cpu_usage_seconds_total', 'cAdvisor (kubelet)'],
]);

/** Labels Prometheus adds to every scraped series through a ServiceMonitor. */
export const TARGET_LABELS: ReadonlySet<string> = new Set(['namespace', 'pod', 'service', 'job', 'instance', 'endpoint', 'container']);

/** Series a metric of this type exposes in the text format, with the labels each adds. */
function seriesOf(name: string, type: string): [string, string[]][] {
  if (type === 'histogram')
    return [
      [`${name}_bucket`, ['le']],
      [`${name}_sum`, []],
      [`${name}_count`, []],
    ];
  if (type === 'summary')
    return [
      [name, ['quantile']],
      [`${name}_sum`, []],
      [`${name}_count`, []],
    ];
  return [[name, []]];
}

function labelNamesOf(registry: Registry, name: string): string[] {
  // prom-client keeps the configured label names on the metric object (not in its typings).
  const metric = registry.getSingleMetric(name) as unknown as { labelNames?: readonly string[] } | undefined;
  return [...(metric?.labelNames ?? [])];
}

async function collect(registry: Registry, into: Map<string, string[]>): Promise<void> {
  for (const metric of await registry.getMetricsAsJSON()) {
    const labels = labelNamesOf(registry, metric.name);
    for (const [series, extra] of seriesOf(metric.name, String(metric.type))) into.set(series, [...labels, ...extra]);
  }
}

/** Series name → label names, for every metric of the operator and the converter. */
export async function ownSeries(): Promise<Map<string, string[]>> {
  const series = new Map<string, string[]>();
  const operator = createOperatorMetrics({ defaultMetrics: false });
  const converter = createConverterMetrics({
    defaultMetrics: false,
    runnerStats: () => ({ inFlight: 0, queued: 0, capacity: 1, queueLimit: 2 }),
  });
  createStoreMetrics(converter.registry);
  createJobMetrics(converter.registry);
  createRateLimitedCounter(converter.registry);
  await collect(operator.registry, series);
  await collect(converter.registry, series);
  return series;
}
