// Runs the operator (main.ts loads it with the process's environment and arguments): parse the
// configuration once, connect to the cluster (in-cluster or a kubeconfig), serve probes and
// metrics, run informers, and work while leading. SIGTERM and SIGINT stop it gracefully (workers,
// then the lease, then informers) within 30 s.
import type { Env } from '../common/config.ts';
import { createLogger } from '../common/logger.ts';
import { loadConfig } from './config.ts';
import { loadKubeConfig } from './kube/client.ts';
import { createOperatorMetrics } from './metrics.ts';
import { RouteServer, metricsRoutes, probeRoutes } from './probes.ts';
import { OperatorRuntime } from './runtime.ts';
import { runtimeSettings } from './settings.ts';
import { LOG } from '../common/log-fields.ts';

const SHUTDOWN_TIMEOUT_MS = 30_000;

/** Throws ConfigError (every bad setting named) before anything starts. */
export async function runOperator(env: Env, argv: readonly string[]): Promise<void> {
  const config = loadConfig(env, argv);
  const logger = createLogger({ serviceName: 'docc2context-operator', level: config.logLevel });
  const kc = loadKubeConfig({ kubeconfigPath: config.kubeconfig });
  const metrics = createOperatorMetrics({ defaultMetrics: true });
  const settings = runtimeSettings(config);
  const runtime = new OperatorRuntime({ kc, logger, metrics }, settings);
  const sources = { ready: () => runtime.ready, registry: metrics.registry };
  const probes = new RouteServer(probeRoutes(sources));
  const metricsServer = new RouteServer(metricsRoutes(sources));
  const probePort = await probes.listen(config.probePort);
  const metricsPort = await metricsServer.listen(config.metricsPort);
  logger.info('Started operator', {
    [LOG.orchestratorClusterUrl]: kc.getCurrentCluster()?.server,
    [LOG.urlFull]: settings.converterUrl,
    [LOG.poolName]: settings.pool?.config.name ?? 'unmanaged',
    [LOG.probePort]: probePort,
    [LOG.metricsPort]: metricsPort,
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('Stopping operator', { [LOG.eventReason]: signal });
    setTimeout(() => {
      logger.error('Stopped operator forcibly after the shutdown timeout');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    void (async () => {
      await runtime.stop();
      await Promise.all([probes.close(), metricsServer.close()]);
      logger.info('Stopped operator');
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await runtime.start();
}
