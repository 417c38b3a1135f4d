// A converter app with the job API mounted, over the server's fakes (FakeArchive, FakeRunner) and
// any Store: memory in unit tests, Redis in integration tests.
import { EnvReader } from '../../../common/config.ts';
import type { Env } from '../../../common/config.ts';
import { silentLogger } from '../../../common/logger.ts';
import type { AppError } from '../../../converter/errors.ts';
import { readFetchConfig } from '../../../converter/fetch/config.ts';
import type { Resolver } from '../../../converter/fetch/guarded-http.ts';
import { readJobsConfig } from '../../../converter/jobs/config.ts';
import { CONVERSIONS_PATH, createJobApi } from '../../../converter/app/job-api.ts';
import type { JobApi } from '../../../converter/app/job-api.ts';
import { createJobMetrics } from '../../../converter/jobs/metrics.ts';
import type { JobMetrics } from '../../../converter/jobs/metrics.ts';
import { createMemoryStore } from '../../../converter/store/index.ts';
import type { Store } from '../../../converter/store/types.ts';
import { createConverterMetrics } from '../../../converter/observability/metrics.ts';
import { FakeArchive, FakeRunner, buildTestApp, removeBase, tempBase, testConfig } from '../server/support.ts';
import type { TestApp } from '../server/support.ts';
import { testStoreConfig } from '../store/store-config.ts';

export interface JobsTestApp extends TestApp {
  api: JobApi;
  store: Store;
  jobMetrics: JobMetrics;
  close(): Promise<void>;
}

export interface JobsTestOptions {
  env?: Env;
  store?: Store;
  runner?: FakeRunner;
  resolver?: Resolver;
  admission?: () => AppError | undefined;
  draining?: () => boolean;
}

export function readConfigs(env: Env = {}): { jobs: ReturnType<typeof readJobsConfig>; fetch: ReturnType<typeof readFetchConfig> } {
  const reader = new EnvReader({ JOB_SYNC_WAIT_MS: '5000', JOB_POLL_MS: '10', ...env });
  return reader.done({ jobs: readJobsConfig(reader), fetch: readFetchConfig(reader) });
}

export function buildJobsTestApp(options: JobsTestOptions = {}): JobsTestApp {
  const base = tempBase();
  const archive = new FakeArchive(base);
  const runner = options.runner ?? new FakeRunner();
  const store = options.store ?? createMemoryStore({ config: testStoreConfig(), logger: silentLogger() });
  const { jobs, fetch } = readConfigs(options.env);
  const metrics = createConverterMetrics({ defaultMetrics: false, runnerStats: () => runner.stats() });
  const jobMetrics = createJobMetrics(metrics.registry);
  const api = createJobApi({
    store,
    jobs,
    fetch,
    cacheEnabled: true,
    archive,
    runner,
    limits: testConfig(base).limits,
    conversionTimeoutMs: 10_000,
    engine: () => 'builtin',
    logger: silentLogger(),
    metrics: jobMetrics,
    admission: options.admission,
    draining: options.draining,
    resolver: options.resolver,
  });
  const testApp = buildTestApp({ deps: { archive, runner, metrics, routers: [{ path: CONVERSIONS_PATH, router: api.router }] } });
  return {
    ...testApp,
    metrics,
    archive,
    runner,
    base,
    api,
    store,
    jobMetrics,
    close: async () => {
      await api.close(5000);
      await store.close();
      removeBase(base);
      removeBase(testApp.base);
    },
  };
}

/** A base64 "archive": the fakes never open it, so any bytes do. */
export function inlineSource(text = 'PK\u0003\u0004 a fake archive'): { inline: string } {
  return { inline: Buffer.from(text).toString('base64') };
}
