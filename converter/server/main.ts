// The converter process: parse config, wire logger, metrics, workspaces, runner and the app,
// listen, and drain on SIGTERM/SIGINT (stop accepting, /readyz 503, finish in-flight work within
// the grace period, close the runner and the log shipping), then exit 0.
import { ConfigError } from '../../common/config.ts';
import { createWorkspaceManager, DEFAULT_LEFTOVER_AGE_MS } from '../archive/index.ts';
import { loadConfig, type ConverterConfig } from '../config.ts';
import { createStoreFeatures } from '../jobs/wiring.ts';
import { createConverterLogger } from '../observability/logger.ts';
import { createConverterMetrics } from '../observability/metrics.ts';
import { createRunner } from '../runner/index.ts';
import { buildApp } from './app.ts';
import type { EngineStatus } from './deps.ts';
import { Lifecycle } from './lifecycle.ts';
import { startServer } from './server.ts';
import { archiveService } from './wiring.ts';

function readConfig(): Readonly<ConverterConfig> {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}

/** Workspaces are removed just after their response ends: wait for the last ones before exiting. */
async function workspacesRemoved(active: () => number, withinMs: number): Promise<void> {
  const deadline = Date.now() + Math.max(withinMs, 1000);
  while (active() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function main(): Promise<void> {
  const config = readConfig();
  const { logger, close: closeLogger } = createConverterLogger({
    serviceName: config.serviceName,
    serviceVersion: config.serviceVersion,
    level: config.logLevel,
    elasticsearch: config.elasticsearch,
  });
  const workspaces = createWorkspaceManager({ baseDir: config.workspaceBaseDir, prefix: config.workspacePrefix });
  const removed = await workspaces.removeLeftovers(DEFAULT_LEFTOVER_AGE_MS);
  if (removed > 0) logger.info('Removed leftover workspaces', { workspace: { removed } });
  const selection = await createRunner(
    { mode: config.engine, binaryPath: config.swiftBinary, concurrency: config.workers, queueLimit: config.queueSize },
    { warm: true },
  );
  const engineStatus: EngineStatus = {
    engine: selection.engine,
    available: selection.ready,
    binaryDetected: selection.binaryDetected,
    binaryPath: selection.binaryPath,
  };
  logger.info('Selected engine', { engine: engineStatus, workers: config.workers, queue_size: config.queueSize });
  const metrics = createConverterMetrics({ defaultMetrics: true, runnerStats: () => selection.runner.stats() });
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
    lifecycle,
    logger,
    closers: [
      // Jobs keep running after their POST answered 202: let them finish, then close Redis.
      (remainingMs) => store.close(remainingMs),
      (remainingMs) => selection.runner.close(remainingMs),
      (remainingMs) => workspacesRemoved(() => workspaces.active(), remainingMs),
      () => closeLogger(),
    ],
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void running.shutdown(signal).then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error('Failed to start the converter:', error);
  process.exit(1);
});
