// The real converter service in-process, started exactly as converter/app/main.ts starts it
// (startConverter): builtin engine with 2 workers, the store on the shared Redis under a unique
// key prefix (deleted on close), and outbound HTTP allowed to 127.0.0.1 so jobs can fetch from
// and upload to the local fixture server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../../../common/config.ts';
import { silentLogger } from '../../../common/logger.ts';
import { loadConfig } from '../../../converter/config.ts';
import { startConverter } from '../../../converter/app/start.ts';
import { SHARED_REDIS_URL, deleteKeys, uniquePrefix } from '../../support/redis.ts';

export interface RealConverter {
  url: string;
  prefix: string;
  close(): Promise<void>;
}

export async function startRealConverter(env: Env = {}): Promise<RealConverter> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-e2e-'));
  const prefix = uniquePrefix('e2e');
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    ENGINE: 'builtin',
    WORKERS: '2',
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    OUTBOUND_ALLOW_LIST: '127.0.0.1',
    RATE_LIMIT_REQUESTS: '100000',
    JOB_POLL_MS: '20',
    OUTPUT_UPLOAD_BACKOFF_MS: '20',
    SHUTDOWN_GRACE_SECONDS: '5',
    SHUTDOWN_DELAY_SECONDS: '0',
    WORKSPACE_BASE_PATH: base,
    LOG_LEVEL: 'error',
    ...env,
  });
  const converter = await startConverter(config, { logger: silentLogger(), defaultMetrics: false });
  return {
    url: `http://127.0.0.1:${converter.port}`,
    prefix,
    close: async () => {
      await converter.shutdown('test finished');
      fs.rmSync(base, { recursive: true, force: true });
      await deleteKeys(prefix);
    },
  };
}
