// The composition root: the one place that assembles a whole converter from its config —
// workspaces, runner, metrics, the conversion core, the store features (Redis or memory, the job
// API) and the HTTP app, listening. main.ts adds only config parsing, the logger and signals;
// end-to-end tests start the very same converter in-process.
import { createWorkspaceManager, DEFAULT_LEFTOVER_AGE_MS } from '../archive/index.ts';
import type { Logger } from '../../common/logger.ts';
import type { ConverterConfig } from '../config.ts';
import { createConverterMetrics } from '../observability/metrics.ts';
import { createRunner } from '../runner/index.ts';
import type { RunnerStats } from '../runner/index.ts';
import { archiveService } from '../conversion/archive-service.ts';
import { Lifecycle } from '../conversion/lifecycle.ts';
import type { EngineStatus } from '../conversion/types.ts';
import { buildApp } from '../server/app.ts';
import { startServer } from '../server/server.ts';
import { createStoreFeatures } from './store-features.ts';
import { delay } from '../../common/delay.ts';
import { LOG } from '../../common/log-fields.ts';

export interface ConverterStartDeps {
  logger: Logger;
  /** Runs last on shutdown (flushes log shipping). */
  closeLogger?: () => Promise<void>;
  /** Node's default process metrics on /metrics (default true). */
  defaultMetrics?: boolean;
}

export interface StartedConverter {
  port: number;
  engineStatus: EngineStatus;
  /** Drains (stop accepting, finish in-flight work within the grace period) and closes everything; idempotent. */
  shutdown(reason: string): Promise<void>;
}

/** Workspaces are removed just after their response ends: wait for the last ones before exiting. */
async function workspacesRemoved(active: () => number, withinMs: number): Promise<void> {
  const deadline = Date.now() + Math.max(withinMs, 1000);
  while (active() > 0 && Date.now() < deadline) await delay(20);
}

export async function startConverter(config: Readonly<ConverterConfig>, deps: ConverterStartDeps): Promise<StartedConverter> {
  const { logger } = deps;
  const workspaces = createWorkspaceManager({ baseDir: config.workspaceBaseDir, prefix: config.workspacePrefix });
  const removed = await workspaces.removeLeftovers(DEFAULT_LEFTOVER_AGE_MS);
  if (removed > 0) logger.info('Removed leftover workspaces', { [LOG.workspacesRemoved]: removed });
  let runnerStats = (): RunnerStats => ({ inFlight: 0, queued: 0, capacity: 0, queueLimit: 0 });
  const metrics = createConverterMetrics({
    defaultMetrics: deps.defaultMetrics ?? true,
    runnerStats: () => runnerStats(),
    memoryBudgetBytes: config.memory.limitBytes,
  });
  const selection = await createRunner(
    {
      mode: config.engine,
      binaryPath: config.swiftBinary,
      concurrency: config.workers,
      queueLimit: config.queueSize,
      workerMaxHeapMb: config.memory.workerMaxHeapMb,
      maxOutputBytes: config.memory.maxOutputBytes,
    },
    { warm: true, onWorkerLost: (reason) => metrics.workerRestarts.inc({ reason }) },
  );
  runnerStats = () => selection.runner.stats();
  const engineStatus: EngineStatus = {
    engine: selection.engine,
    available: selection.ready,
    binaryDetected: selection.binaryDetected,
    binaryPath: selection.binaryPath,
  };
  logger.info('Selected engine', {
    [LOG.engineName]: engineStatus.engine,
    [LOG.engineAvailable]: engineStatus.available,
    [LOG.engineBinaryDetected]: engineStatus.binaryDetected,
    [LOG.engineBinaryPath]: engineStatus.binaryPath,
    [LOG.workers]: config.workers,
    [LOG.queueSize]: config.queueSize,
    [LOG.memoryLimitBytes]: config.memory.limitBytes,
    [LOG.memoryWorkerMaxHeapMb]: config.memory.workerMaxHeapMb,
    [LOG.memoryMaxOutputBytes]: config.memory.maxOutputBytes,
  });
  const lifecycle = new Lifecycle();
  const parts = { archive: archiveService(workspaces), runner: selection.runner, engineStatus: () => engineStatus, lifecycle };
  // Redis (REDIS_URL) or memory: result cache, rate limits, job API, retained results.
  const store = await createStoreFeatures({ ...parts, config, logger, registry: metrics.registry });
  const app = buildApp({ ...parts, config, logger, metrics, ...store.appDeps });
  const running = await startServer({
    app,
    host: config.host,
    port: config.port,
    requestTimeoutMs: config.requestTimeoutMs,
    shutdownGraceMs: config.shutdownGraceMs,
    shutdownDelayMs: config.shutdownDelayMs,
    // Queued and still-running conversions fail with 503 NOT_READY + Retry-After, not an empty reply.
    beforeForcedClose: () => selection.runner.close(0),
    lifecycle,
    logger,
    closers: [
      // Jobs keep running after their POST answered 202: let them finish, then close Redis.
      (remainingMs) => store.close(remainingMs),
      (remainingMs) => selection.runner.close(remainingMs),
      (remainingMs) => workspacesRemoved(() => workspaces.active(), remainingMs),
      () => deps.closeLogger?.() ?? Promise.resolve(),
    ],
  });
  return { port: running.port, engineStatus, shutdown: (reason) => running.shutdown(reason) };
}
