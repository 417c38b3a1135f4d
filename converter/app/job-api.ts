// Part of the composition root: wires the job API (converter/jobs/) from the converter's parts —
// store, conversion core, runner, outbound HTTP policy. store-features.ts calls createJobApi()
// once and mounts `router` under CONVERSIONS_PATH; the job API's tests build it the same way.
import type { RequestHandler, Router } from 'express';
import type { EngineName } from '../../common/contract/conversion-job.ts';
import type { Logger } from '../../common/logger.ts';
import type { ArchiveLimits } from '../archive/types.ts';
import type { AppError } from '../errors.ts';
import { createAddressPolicy } from '../fetch/address-policy.ts';
import type { FetchConfig } from '../fetch/config.ts';
import { GuardedHttp } from '../fetch/guarded-http.ts';
import type { Resolver } from '../fetch/guarded-http.ts';
import type { ConversionRunner } from '../runner/types.ts';
import { wallClock, type Clock } from '../clock.ts';
import { createPipeline } from '../conversion/pipeline.ts';
import type { CachedConversionDeps } from '../conversion/cached-conversion.ts';
import { cachedConversionDeps } from '../conversion/cache-settings.ts';
import type { ArchiveService } from '../conversion/types.ts';
import type { Store } from '../store/types.ts';
import type { JobsConfig } from '../jobs/config.ts';
import type { JobMetrics } from '../jobs/metrics.ts';
import { createConversionsRouter } from '../jobs/routes.ts';
import { JobService } from '../jobs/service.ts';

export interface JobApiDeps {
  store: Store;
  jobs: JobsConfig;
  fetch: FetchConfig;
  /** False when CACHE_TTL_SECONDS is 0. */
  cacheEnabled: boolean;
  /** CACHE_MAX_RESULT_BYTES: larger results are neither cached nor held in memory. */
  cacheMaxBytes?: number;
  /** The cache settings shared with POST /api/v1/convert (default: built from the fields above). */
  cache?: CachedConversionDeps;
  archive: ArchiveService;
  runner: ConversionRunner;
  limits: ArchiveLimits;
  conversionTimeoutMs: number;
  engine: () => EngineName;
  logger: Logger;
  metrics?: JobMetrics;
  admission?: () => AppError | undefined;
  rateLimit?: RequestHandler;
  /** True once the pod drains (the job API then answers 503 NOT_READY). */
  draining?: () => boolean;
  retryAfterSeconds?: number;
  /** Tests inject a resolver to play hostile DNS. */
  resolver?: Resolver;
  now?: Clock;
}

export interface JobApi {
  service: JobService;
  router: Router;
  /** Cache settings shared with POST /api/v1/convert. */
  cache: CachedConversionDeps;
  close(graceMs: number): Promise<void>;
}

export function cacheDeps(
  deps: Pick<JobApiDeps, 'store' | 'jobs' | 'cacheEnabled' | 'cacheMaxBytes' | 'conversionTimeoutMs' | 'metrics' | 'now'>,
): CachedConversionDeps {
  return cachedConversionDeps({
    ...deps,
    pollMs: deps.jobs.pollMs,
    onLookup: (result) => deps.metrics?.cacheLookups.inc({ result }),
  });
}

export function createJobApi(deps: JobApiDeps): JobApi {
  const now = deps.now ?? wallClock;
  const http = new GuardedHttp(createAddressPolicy(deps.fetch.allowList), deps.resolver);
  const cache = deps.cache ?? cacheDeps(deps);
  const service = new JobService({
    store: deps.store,
    config: deps.jobs,
    logger: deps.logger,
    admission: deps.admission,
    metrics: deps.metrics,
    now,
    run: {
      createWorkspace: () => deps.archive.createWorkspace(),
      convert: createPipeline({ archive: deps.archive, runner: deps.runner, limits: deps.limits }),
      engine: deps.engine,
      conversionTimeoutMs: deps.conversionTimeoutMs,
      cache,
      sources: { http, downloadLimits: deps.fetch.download, inlineMaxBytes: deps.jobs.inlineMaxBytes },
      outputs: { results: deps.store.results, http, uploadPolicy: deps.fetch.upload, config: deps.jobs, now },
      logger: deps.logger,
      now,
    },
  });
  const router = createConversionsRouter({
    service,
    inlineMaxBytes: deps.jobs.inlineMaxBytes,
    rateLimit: deps.rateLimit,
    draining: deps.draining,
    storeHealth: () => deps.store.health(),
    retryAfterSeconds: deps.retryAfterSeconds,
  });
  return {
    service,
    router,
    cache,
    close: async (graceMs) => {
      await service.close(graceMs);
      http.close();
    },
  };
}

export { CONVERSIONS_PATH, createConversionsRouter } from '../jobs/routes.ts';
