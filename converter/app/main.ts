// The converter process: parse config, create the logger, start the converter (start.ts), and
// drain on SIGTERM/SIGINT (stop accepting, /readyz 503, finish in-flight work within the grace
// period, close the runner and the log shipping), then exit 0.
import { ConfigError } from '../../common/config.ts';
import { loadConfig, type ConverterConfig } from '../config.ts';
import { readCgroupMemoryLimit } from '../memory/cgroup.ts';
import { createConverterLogger } from '../observability/logger.ts';
import { startConverter } from './start.ts';

function readConfig(): Readonly<ConverterConfig> {
  try {
    return loadConfig(process.env, { cgroupMemoryBytes: readCgroupMemoryLimit() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const { logger, close: closeLogger } = createConverterLogger({
    serviceName: config.serviceName,
    serviceVersion: config.serviceVersion,
    level: config.logLevel,
    elasticsearch: config.elasticsearch,
  });
  const converter = await startConverter(config, { logger, closeLogger });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void converter.shutdown(signal).then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error('Failed to start the converter:', error);
  process.exit(1);
});
