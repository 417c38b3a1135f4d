// Everything buildApp() needs, injected: the composition root (converter/app/) wires the real
// archive functions, runner, logger and metrics; tests pass fakes. The store seam (cache, rate limiter, job API) plugs in here too.
import type { RequestHandler, Router } from 'express';
import type { Logger } from '../../common/logger.ts';
import type { Clock } from '../clock.ts';
import type { ConvertCache } from '../conversion/convert-cache.ts';
import type { Lifecycle } from '../conversion/lifecycle.ts';
import type { ArchiveService, EngineStatus } from '../conversion/types.ts';
import type { ConversionRunner } from '../runner/types.ts';
import type { ConverterConfig } from '../config.ts';
import type { ConverterMetrics } from '../observability/metrics.ts';

/** Optional shared store (Redis or in memory); only its health matters to this app. */
export interface StoreHealth {
  /** `degraded` while Redis is down or slow: reported, but the pod stays ready (it still converts). */
  health(): 'up' | 'degraded';
}

export interface MountedRouter {
  path: string;
  router: Router;
}

export interface AppDeps {
  config: Readonly<ConverterConfig>;
  logger: Logger;
  metrics: ConverterMetrics;
  archive: ArchiveService;
  runner: ConversionRunner;
  engineStatus: () => EngineStatus;
  lifecycle: Lifecycle;
  /** Times requests (default: the monotonic clock). */
  now?: Clock;
  store?: StoreHealth;
  /** Result cache for POST /api/v1/convert (converter/conversion/convert-cache.ts); none: always convert. */
  cache?: ConvertCache;
  /** Applied before the upload is read on every conversion route. */
  rateLimiter?: RequestHandler;
  /** Extra routers (e.g. the job API) mounted after the built-in routes. */
  routers?: MountedRouter[];
}
