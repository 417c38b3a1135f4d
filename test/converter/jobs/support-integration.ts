// Converter apps wired the way main.ts wires them (createStoreFeatures), with the real archive
// library and the real engine in-process, over a given Redis: several instances on one Redis
// behave like replicas of the pool.
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import type { Env } from '../../../common/config.ts';
import { silentLogger } from '../../../common/logger.ts';
import { createWorkspaceManager } from '../../../converter/archive/index.ts';
import type { Resolver } from '../../../converter/fetch/guarded-http.ts';
import { createStoreFeatures } from '../../../converter/app/store-features.ts';
import type { StoreFeatures } from '../../../converter/app/store-features.ts';
import { createConverterMetrics } from '../../../converter/observability/metrics.ts';
import type { ConverterMetrics } from '../../../converter/observability/metrics.ts';
import type { ConversionRunner, RunInputKind, RunRequest, RunResult, RunnerStats } from '../../../converter/runner/types.ts';
import { createBuiltinRunner } from '../../../converter/runner/builtin.ts';
import { buildApp } from '../../../converter/server/app.ts';
import { Lifecycle } from '../../../converter/conversion/lifecycle.ts';
import { archiveService } from '../../../converter/conversion/archive-service.ts';
import { createRedisStore } from '../../../converter/store/index.ts';
import { createStoreMetrics } from '../../../converter/store/metrics.ts';
import { DOCC_FIXTURES } from '../../support/paths.ts';
import { tempBase, testConfig } from '../server/support.ts';
import { zipUnder } from '../server/support-e2e.ts';

/** The real builtin runner (worker threads), counting its runs; `gate` holds conversions until opened. */
export class CountingRunner implements ConversionRunner {
  readonly engine = 'builtin' as const;
  runs = 0;
  gate?: Promise<void>;
  private readonly inner = createBuiltinRunner({ concurrency: 2, queueLimit: 16 });

  inputKind(): RunInputKind {
    return this.inner.inputKind({});
  }

  async run(request: RunRequest): Promise<RunResult> {
    this.runs += 1;
    await this.gate;
    return this.inner.run(request);
  }

  stats(): RunnerStats {
    return this.inner.stats();
  }

  close(graceMs?: number): Promise<void> {
    return this.inner.close(graceMs);
  }
}

export interface Replica {
  app: Express;
  features: StoreFeatures;
  runner: CountingRunner;
  metrics: ConverterMetrics;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  redisUrl: string;
  prefix: string;
  env?: Env;
  runner?: CountingRunner;
  resolver?: Resolver;
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const base = tempBase();
  const env = { RATE_LIMIT_REQUESTS: '1000', JOB_POLL_MS: '20', REDIS_KEY_PREFIX: options.prefix, ...options.env };
  const config = testConfig(base, env);
  const runner = options.runner ?? new CountingRunner();
  const metrics = createConverterMetrics({ defaultMetrics: false, runnerStats: () => runner.stats() });
  const logger = silentLogger();
  const store = await createRedisStore({
    config: config.store,
    redisUrl: options.redisUrl,
    logger,
    metrics: createStoreMetrics(metrics.registry),
  });
  const parts = {
    archive: archiveService(createWorkspaceManager({ baseDir: base, prefix: 'd2c-test' })),
    runner,
    engineStatus: () => ({ engine: 'builtin' as const, available: true, binaryDetected: false, binaryPath: 'docc2context' }),
    lifecycle: new Lifecycle(),
  };
  const features = await createStoreFeatures({ ...parts, config, logger, registry: metrics.registry, store, resolver: options.resolver });
  const app = buildApp({ ...parts, config, logger, metrics, ...features.appDeps });
  return {
    app,
    features,
    runner,
    metrics,
    close: async () => {
      await features.close(5000);
      await runner.close(1000);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

let fixtureZip: Promise<Buffer> | undefined;

/** A real, small DocC archive zip (the ArticleReference fixture). */
export function articleReferenceZip(): Promise<Buffer> {
  fixtureZip ??= zipUnder(path.join(DOCC_FIXTURES, 'ArticleReference.doccarchive'), 'ArticleReference.doccarchive');
  return fixtureZip;
}
