// Everything buildApp() needs, injected: main.ts wires the real archive functions, runner, logger
// and metrics; tests pass fakes. The store seam (cache, rate limiter, job API) plugs in here too.
import type { RequestHandler, Router } from 'express';
import type { Logger } from '../../common/logger.ts';
import type { EngineName, Profile } from '../../common/contract/conversion-job.ts';
import type { LocatedZip } from '../archive/inspect.ts';
import type { ArchiveLimits, ExtractResult, Workspace } from '../archive/types.ts';
import type { ConvertCache } from '../jobs/convert-cache.ts';
import type { ConversionRunner } from '../runner/types.ts';
import type { ConverterConfig } from '../config.ts';
import type { ConverterMetrics } from '../observability/metrics.ts';
import type { Lifecycle } from './lifecycle.ts';

/** The archive functions the convert route uses (adapters over converter/archive). */
export interface ArchiveService {
  createWorkspace(): Promise<Workspace>;
  /** Validates the zip from its central directory and locates the DocC archive for `profile`; AppError on any rule. */
  inspect(zipPath: string, limits: ArchiveLimits, profile: Profile): Promise<LocatedZip>;
  /** Validates the zip and extracts it safely into `destDir` (for an engine that reads directories). */
  extract(zipPath: string, destDir: string, limits: ArchiveLimits): Promise<ExtractResult>;
}

/** Which engine runs conversions, found once at start-up (never probed per request). */
export interface EngineStatus {
  engine: EngineName;
  available: boolean;
  /** The Swift CLI: whether it was found and runs (`--help` exits 0), and where. */
  binaryDetected: boolean;
  binaryPath: string;
}

/** Optional shared store (Redis or in memory); only its health matters to this app. */
export interface StoreHealth {
  /** `degraded` while Redis is down or slow: reported, but the pod stays ready (it still converts). */
  health(): 'up' | 'degraded';
}

export interface MountedRouter {
  path: string;
  router: Router;
}

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
}

export interface AppDeps {
  config: Readonly<ConverterConfig>;
  logger: Logger;
  metrics: ConverterMetrics;
  archive: ArchiveService;
  runner: ConversionRunner;
  engineStatus: () => EngineStatus;
  lifecycle: Lifecycle;
  clock?: Clock;
  store?: StoreHealth;
  /** Result cache for POST /api/v1/convert (converter/jobs/convert-cache.ts); none: always convert. */
  cache?: ConvertCache;
  /** Applied before the upload is read on every conversion route. */
  rateLimiter?: RequestHandler;
  /** Extra routers (e.g. the job API) mounted after the built-in routes. */
  routers?: MountedRouter[];
}

export const systemClock: Clock = { now: () => performance.now() };
