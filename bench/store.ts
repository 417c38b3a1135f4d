// Store benchmark (part of make bench-service), against the real Redis on 127.0.0.1:6379
// (REDIS_URL overrides) under a throwaway key prefix: (1) cache-hit latency p50/p95 and
// throughput of POST /api/v1/convert served from the result cache over loopback HTTP;
// (2) the raw store calls (cache GET of the result, one rate-limit step); (3) the rate
// limiter's overhead per request: the same tiny route with and without the middleware.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import { EnvReader } from '../common/config.ts';
import { silentLogger } from '../common/logger.ts';
import { createWorkspaceManager } from '../converter/archive/index.ts';
import { loadConfig } from '../converter/config.ts';
import { createStoreFeatures } from '../converter/app/store-features.ts';
import { createConverterMetrics } from '../converter/observability/metrics.ts';
import { readRateLimitConfig } from '../converter/ratelimit/config.ts';
import { createRateLimitMiddleware } from '../converter/ratelimit/middleware.ts';
import { createBuiltinRunner } from '../converter/runner/index.ts';
import { buildApp } from '../converter/server/app.ts';
import { Lifecycle } from '../converter/conversion/lifecycle.ts';
import { archiveService } from '../converter/conversion/archive-service.ts';
import { createRedisStore } from '../converter/store/index.ts';
import { createStoreMetrics } from '../converter/store/metrics.ts';
import type { Store } from '../converter/store/types.ts';
import { zipTree } from '../test/support/zip.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.resolve(ROOT, '../shared/fixtures/docc2context/Docc2contextCore.doccarchive');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const PREFIX = `bench:store:${process.pid}:`;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Load {
  perSecond: number;
  p50: number;
  p95: number;
  mean: number;
  statuses: Map<number, number>;
}

async function load(
  url: string,
  options: { body?: Buffer; connections: number; amount: number; headers?: Record<string, string> },
): Promise<Load> {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: options.headers ?? {},
        body: options.body,
        connections: options.connections,
        amount: options.amount,
        pipelining: 1,
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      times.push(ms);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    statuses,
  };
}

async function listen(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function timeCalls(count: number, call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function cacheHits(zip: Buffer, base: string): Promise<string[]> {
  const config = loadConfig({
    WORKSPACE_BASE_PATH: base,
    REDIS_URL,
    REDIS_KEY_PREFIX: PREFIX,
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
  });
  const logger = silentLogger();
  const runner = createBuiltinRunner({ concurrency: 2, queueLimit: 64 });
  const metrics = createConverterMetrics({ defaultMetrics: false, runnerStats: () => runner.stats() });
  const store = await createRedisStore({
    config: config.store,
    redisUrl: REDIS_URL,
    logger,
    metrics: createStoreMetrics(metrics.registry),
  });
  const parts = {
    archive: archiveService(createWorkspaceManager({ baseDir: base, prefix: 'bench' })),
    runner,
    engineStatus: () => ({ engine: 'builtin' as const, available: true, binaryDetected: false, binaryPath: 'docc2context' }),
    lifecycle: new Lifecycle(),
  };
  const features = await createStoreFeatures({ ...parts, config, logger, registry: metrics.registry, store });
  const server = await listen(buildApp({ ...parts, config, logger, metrics, ...features.appDeps }));
  const lines: string[] = [];
  try {
    const url = `${server.url}/api/v1/convert`;
    const headers = { 'content-type': 'application/zip' };
    const warm = await load(url, { body: zip, connections: 1, amount: 1, headers });
    lines.push(`| first request (miss, converts) | 1 | ${warm.p50.toFixed(1)} | – | – |`);
    for (const connections of [1, 8, 32]) {
      const run = await load(url, { body: zip, connections, amount: 200 * SCALE * Math.max(1, connections / 4), headers });
      const ok = run.statuses.get(200) ?? 0;
      lines.push(
        `| cache hit | ${connections} | ${run.p50.toFixed(1)} | ${run.p95.toFixed(1)} | ${run.perSecond.toFixed(0)} (${ok} × 200) |`,
      );
    }
    const counters = await Promise.all(
      ['docc2context_cache_lookups_total', 'docc2context_redis_errors_total', 'docc2context_conversions_total'].map((name) =>
        metrics.registry.getSingleMetricAsString(name),
      ),
    );
    lines.push(
      '',
      '```',
      counters
        .join('\n')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#'))
        .join('\n'),
      '```',
    );
  } finally {
    await server.close();
    await features.close(1000);
    await runner.close();
  }
  return lines;
}

async function storeCalls(store: Store, resultZip: Buffer): Promise<string[]> {
  await store.cache.set('bench', {
    zip: resultZip,
    result: {
      engine: 'builtin',
      files: 1,
      bytes: resultZip.length,
      sha256: '0'.repeat(64),
      counts: { volumes: 0, chapters: 0, articles: 0, symbols: 0, tutorials: 0 },
      warnings: [],
      durationMs: 1,
    },
  });
  const get = await timeCalls(500 * SCALE, () => store.cache.get('bench'));
  let client = 0;
  const rule = { limit: 1_000_000, windowMs: 60_000 };
  const step = await timeCalls(2000 * SCALE, () => store.rateLimiter.consume(`bench-${(client += 1) % 100}`, rule));
  return [
    `| cache GET of a ${(resultZip.length / 1024).toFixed(0)} KiB result | ${get.p50.toFixed(3)} | ${get.p95.toFixed(3)} |`,
    `| rate-limit step (GCRA Lua, EVALSHA) | ${step.p50.toFixed(3)} | ${step.p95.toFixed(3)} |`,
  ];
}

async function limiterOverhead(store: Store): Promise<string[]> {
  const reader = new EnvReader({ RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' });
  const config = reader.done(readRateLimitConfig(reader));
  const plain = express();
  plain.post('/x', (_req, res) => void res.end('ok'));
  const limited = express();
  limited.post(
    '/x',
    createRateLimitMiddleware({ limiter: store.rateLimiter, config, scope: 'bench', logger: silentLogger() }),
    (_req, res) => void res.end('ok'),
  );
  const lines: string[] = [];
  for (const [name, app] of [
    ['without limiter', plain],
    ['with Redis limiter', limited],
  ] as const) {
    const server = await listen(app);
    try {
      await load(`${server.url}/x`, { connections: 8, amount: 500 });
      const run = await load(`${server.url}/x`, { connections: 8, amount: 5000 * SCALE });
      lines.push(`| ${name} | 8 | ${run.mean.toFixed(3)} | ${run.p95.toFixed(2)} | ${run.perSecond.toFixed(0)} |`);
    } finally {
      await server.close();
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-bench-store-'));
  const storeConfig = loadConfig({ WORKSPACE_BASE_PATH: base, REDIS_KEY_PREFIX: PREFIX }).store;
  const store = await createRedisStore({ config: storeConfig, redisUrl: REDIS_URL, logger: silentLogger() });
  if (store.health() !== 'up') throw new Error(`Redis does not answer on ${REDIS_URL}`);
  try {
    const zip = await zipTree(FIXTURE, 'Docc2contextCore.doccarchive/');
    console.log(`\n## Cache and rate limiter (Redis ${REDIS_URL}, ${os.cpus().length} CPUs, node ${process.version})\n`);
    console.log(`POST /api/v1/convert of Docc2contextCore (${(zip.length / 1024).toFixed(0)} KiB zip), served from the result cache:\n`);
    console.log('| case | connections | p50 ms | p95 ms | requests/s |\n|---|---|---|---|---|');
    console.log((await cacheHits(zip, base)).join('\n'));
    console.log('\nStore calls, one at a time:\n\n| call | p50 ms | p95 ms |\n|---|---|---|');
    console.log((await storeCalls(store, zip)).join('\n'));
    console.log(
      '\nRate limiter overhead (tiny route, loopback):\n\n| route | connections | mean ms | p95 ms | requests/s |\n|---|---|---|---|---|',
    );
    console.log((await limiterOverhead(store)).join('\n'));
  } finally {
    await store.close();
    fs.rmSync(base, { recursive: true, force: true });
    const { deleteKeys } = await import('../test/support/redis.ts');
    await deleteKeys(PREFIX, REDIS_URL);
  }
}

await main();
