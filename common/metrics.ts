// Each process owns its registry (never prom-client's global one), so tests can build many
// apps side by side and /metrics shows only what this process registered.
import { Registry, collectDefaultMetrics } from 'prom-client';

export function createRegistry(options: { defaultMetrics: boolean; prefix?: string }): Registry {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: options.prefix });
  return registry;
}
