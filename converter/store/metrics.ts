// Store metrics on the app's own registry: Redis health and errors.
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

export interface StoreMetrics {
  redisUp: Gauge;
  redisErrors: Counter;
  replayDropped: Counter;
}

export function createStoreMetrics(registry: Registry): StoreMetrics {
  return {
    redisUp: new Gauge({
      name: 'docc2context_redis_up',
      help: '1 while Redis answers, 0 while the store runs degraded (per-pod cache, rate limits and job records).',
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'docc2context_redis_errors_total',
      help: 'Redis commands that failed or timed out, and connection errors.',
      registers: [registry],
    }),
    replayDropped: new Counter({
      name: 'docc2context_redis_replay_dropped_total',
      help: 'Job records and retained results written per pod during an outage and never written through to Redis (replay queue full, or the write-through failed).',
      registers: [registry],
    }),
  };
}
