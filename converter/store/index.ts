// Store factories: memory when no Redis is configured, otherwise Redis with a per-pod fallback.
import { Redis } from 'ioredis';
import type { Logger } from '../../common/logger.ts';
import { HealthTracker } from './health.ts';
import { MemoryBackend } from './memory-backend.ts';
import { RedisBackend } from './redis-backend.ts';
import { ReplayQueue } from './replay-queue.ts';
import { ResilientBackend } from './resilient-backend.ts';
import {
  createJobRecords,
  createLockService,
  createRateLimiter,
  createResultCache,
  createRetainedResults,
  isBulkKey,
  replayPolicyFor,
} from './roles.ts';
import type { Backend } from './backend.ts';
import type { StoreConfig } from './config.ts';
import type { StoreMetrics } from './metrics.ts';
import type { Store, StoreHealth } from './types.ts';
import type { Clock } from '../clock.ts';
import { LOG } from '../../common/log-fields.ts';

export interface StoreDeps {
  config: StoreConfig;
  logger: Logger;
  metrics?: StoreMetrics;
  now?: Clock;
}

function rolesOver(backend: Backend, cacheBackend: Backend, deps: StoreDeps): Omit<Store, 'health' | 'close'> {
  const policy = { ttlMs: deps.config.cacheTtlSeconds * 1000, maxBytes: deps.config.cacheMaxResultBytes };
  return {
    cache: createResultCache(cacheBackend, policy),
    rateLimiter: createRateLimiter(backend, deps.now ?? Date.now),
    results: createRetainedResults(backend),
    jobs: createJobRecords(backend),
    locks: createLockService(backend),
  };
}

export function createMemoryStore(deps: StoreDeps): Store {
  const backend = new MemoryBackend({ now: deps.now, maxBytes: deps.config.memoryMaxBytes });
  return { ...rolesOver(backend, backend, deps), health: () => 'up', close: async () => {} };
}

function redisClient(deps: StoreDeps & { redisUrl: string }, commandTimeoutMs: number): Redis {
  const { config } = deps;
  const client = new Redis(deps.redisUrl, {
    lazyConnect: true,
    commandTimeout: commandTimeoutMs,
    connectTimeout: config.connectTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, config.probeIntervalMs),
  });
  client.on('error', (error: Error) => {
    deps.metrics?.redisErrors.inc();
    deps.logger.debug('Failed to reach Redis', { [LOG.errorMessage]: error.message });
  });
  return client;
}

async function connects(client: Redis): Promise<boolean> {
  return client.connect().then(
    () => true,
    () => false,
  );
}

function replayQueue(deps: StoreDeps): ReplayQueue {
  return new ReplayQueue(deps.config.replayMaxEntries, (key) => {
    deps.metrics?.replayDropped.inc();
    deps.logger.warn('Dropped a record kept during the Redis outage; other pods will not see it', {
      [LOG.eventAction]: 'redis-replay-dropped',
      [LOG.storeKey]: key,
    });
  });
}

/**
 * Connects to Redis (waiting at most the connect timeout) and returns a store that never fails
 * because of Redis: when it is down the store runs degraded and recovers by itself.
 * ioredis' commandTimeout is per client, so result blobs get a second connection with their own
 * budget (REDIS_BULK_COMMAND_TIMEOUT_MS); small commands on the first one decide health.
 */
export async function createRedisStore(deps: StoreDeps & { redisUrl: string }): Promise<Store> {
  const { config, logger } = deps;
  const client = redisClient(deps, config.commandTimeoutMs);
  const bulkClient = redisClient(deps, config.bulkCommandTimeoutMs);
  const [connected] = await Promise.all([connects(client), connects(bulkClient)]);
  const tracker = new HealthTracker({
    logger,
    probe: () => client.ping(),
    probeIntervalMs: config.probeIntervalMs,
    initial: connected ? 'up' : 'degraded',
    onChange: (state) => {
      deps.metrics?.redisUp.set(state === 'up' ? 1 : 0);
      if (state === 'up') void backend.replay();
    },
  });
  deps.metrics?.redisUp.set(connected ? 1 : 0);
  if (!connected) logger.warn('Started without Redis; running degraded until it answers', { [LOG.eventAction]: 'redis-degraded' });
  client.on('ready', () => void tracker.probeNow());
  const onError = (): void => deps.metrics?.redisErrors.inc();
  const bulk = { backend: new RedisBackend(bulkClient, config.keyPrefix), isBulk: isBulkKey };
  const fallback = new MemoryBackend({ now: deps.now, maxBytes: config.memoryMaxBytes });
  // While degraded the cache falls back to the same bounded per-pod memory (STORE_MEMORY_MAX_BYTES),
  // so the per-pod convert-once lock still shares results among identical uploads on this pod.
  const replay = { queue: replayQueue(deps), policyFor: replayPolicyFor, now: deps.now ?? Date.now };
  const backend = new ResilientBackend(new RedisBackend(client, config.keyPrefix), fallback, tracker, { onError, bulk, replay });
  return {
    ...rolesOver(backend, backend, deps),
    health: (): StoreHealth => tracker.state,
    close: async () => {
      tracker.close();
      await Promise.all([client, bulkClient].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

/** The store the configuration asks for. */
export function createStore(deps: StoreDeps): Promise<Store> {
  const url = deps.config.redisUrl;
  return url === undefined ? Promise.resolve(createMemoryStore(deps)) : createRedisStore({ ...deps, redisUrl: url });
}

export type { Store, StoreHealth } from './types.ts';
export { cacheKey, sha256Hex } from './cache-key.ts';
