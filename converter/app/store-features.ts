// Part of the composition root (start.ts calls it once): builds the store (Redis or memory), the
// result cache shared by POST /api/v1/convert and the job API, the rate limiters and the job API, and answers the AppDeps fields they
// fill plus a closer for shutdown. Tests pass their own store and resolver.
import type { Registry } from 'prom-client';
import type { Logger } from '../../common/logger.ts';
import type { ConverterConfig } from '../config.ts';
import { createRateLimitedCounter } from '../ratelimit/metrics.ts';
import { createRateLimitMiddleware } from '../ratelimit/middleware.ts';
import { admissionError } from '../conversion/admission.ts';
import { cachedConversionDeps } from '../conversion/cache-settings.ts';
import { createConvertCache } from '../conversion/convert-cache.ts';
import { CONVERSIONS_PATH, createJobApi } from './job-api.ts';
import type { JobApi } from './job-api.ts';
import { createJobMetrics } from '../jobs/metrics.ts';
import type { AppDeps } from '../server/deps.ts';
import { createStore } from '../store/index.ts';
import { createStoreMetrics } from '../store/metrics.ts';
import type { Store } from '../store/types.ts';
import type { Resolver } from '../fetch/guarded-http.ts';

export interface StoreFeatureDeps extends Pick<AppDeps, 'archive' | 'runner' | 'engineStatus' | 'lifecycle'> {
  config: Readonly<ConverterConfig>;
  logger: Logger;
  registry: Registry;
  /** Default: createStore(config.store) — Redis when REDIS_URL is set, else memory. */
  store?: Store;
  resolver?: Resolver;
}

export interface StoreFeatures {
  store: Store;
  jobs: JobApi;
  /** Spread into buildApp's deps. */
  appDeps: Pick<AppDeps, 'store' | 'cache' | 'rateLimiter' | 'routers'>;
  /** Shutdown: waits for running jobs (bounded), then closes Redis. */
  close(remainingMs: number): Promise<void>;
}

function storeMetrics(config: Readonly<ConverterConfig>, registry: Registry): ReturnType<typeof createStoreMetrics> | undefined {
  return config.store.redisUrl === undefined ? undefined : createStoreMetrics(registry);
}

export async function createStoreFeatures(deps: StoreFeatureDeps): Promise<StoreFeatures> {
  const { config, logger, registry } = deps;
  // Redis metrics exist only with Redis: an in-memory store has nothing to be up or down.
  // A store passed in (tests, benches) brings its own metrics: registering them twice would throw.
  const store = deps.store ?? (await createStore({ config: config.store, logger, metrics: storeMetrics(config, registry) }));
  const metrics = createJobMetrics(registry);
  const rateLimited = createRateLimitedCounter(registry);
  const limiter = (scope: string): AppDeps['rateLimiter'] =>
    createRateLimitMiddleware({ limiter: store.rateLimiter, config: config.rateLimit, scope, logger, rateLimited });
  const cacheEnabled = config.store.cacheTtlSeconds > 0;
  const cache = cachedConversionDeps({
    store,
    cacheEnabled,
    cacheMaxBytes: config.store.cacheMaxResultBytes,
    conversionTimeoutMs: config.conversionTimeoutMs,
    pollMs: config.jobs.pollMs,
    onLookup: (result) => metrics.cacheLookups.inc({ result }),
  });
  const jobs = createJobApi({
    store,
    cache,
    jobs: config.jobs,
    fetch: config.fetch,
    cacheEnabled,
    archive: deps.archive,
    runner: deps.runner,
    limits: config.limits,
    conversionTimeoutMs: config.conversionTimeoutMs,
    engine: () => deps.engineStatus().engine,
    logger,
    metrics,
    admission: () => admissionError({ ...deps, config }),
    rateLimit: limiter('conversions'),
    draining: () => deps.lifecycle.draining,
    retryAfterSeconds: config.retryAfterSeconds,
    resolver: deps.resolver,
  });
  return {
    store,
    jobs,
    appDeps: {
      store,
      cache: cacheEnabled ? createConvertCache(cache) : undefined,
      rateLimiter: limiter('convert'),
      routers: [{ path: CONVERSIONS_PATH, router: jobs.router }],
    },
    close: async (remainingMs) => {
      await jobs.close(remainingMs);
      await store.close();
    },
  };
}
