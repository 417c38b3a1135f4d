// Redis killed and restarted under a running store: calls keep answering within the command
// timeout (cache miss, per-pod limits), health flips to degraded and back by itself. Small
// commands decide health; result blobs fail alone (redis-bulk.integration.test.ts).
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { silentLogger } from '../../../common/logger.ts';
import { createRedisStore } from '../../../converter/store/index.ts';
import { createStoreMetrics } from '../../../converter/store/metrics.ts';
import type { Store } from '../../../converter/store/types.ts';
import { PrivateRedis } from '../../support/redis.ts';
import { testStoreConfig } from './store-config.ts';
import { aCachedResult } from './store-suite.ts';
import { delay } from '../../../common/delay.ts';

async function eventually(check: () => boolean | Promise<boolean>, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) return;
    await delay(50);
  }
  throw new Error('condition never became true');
}

describe('Redis store degraded mode', () => {
  let redis: PrivateRedis;
  let store: Store;
  let registry: Registry;
  const rule = { limit: 2, windowMs: 60_000 };

  beforeEach(async () => {
    redis = await PrivateRedis.start();
    registry = new Registry();
    store = await createRedisStore({
      config: testStoreConfig({ keyPrefix: 'degraded:', commandTimeoutMs: 200, probeIntervalMs: 100 }),
      redisUrl: redis.url,
      logger: silentLogger(),
      metrics: createStoreMetrics(registry),
    });
  });
  afterEach(async () => {
    await store.close();
    await redis.stop();
  });

  describe('when Redis is killed mid-run', () => {
    it('keeps answering: cache misses, rate limits per pod, health degraded', async () => {
      await store.cache.set('k', aCachedResult());
      expect(await store.cache.get('k')).to.not.equal(undefined);
      await redis.stop();

      const decisions = [];
      for (let i = 0; i < 3; i += 1) decisions.push((await store.rateLimiter.consume('c', rule)).allowed);
      expect(decisions).to.deep.equal([true, true, false]);
      expect(store.health()).to.equal('degraded');
      expect(await store.cache.get('k')).to.equal(undefined);
      const lock = await store.locks.tryAcquire('job', 10_000);
      expect(lock).to.not.equal(undefined);
      expect((await registry.getSingleMetric('docc2context_redis_up')?.get())?.values[0]?.value).to.equal(0);
    });
  });

  describe('when Redis comes back', () => {
    it('returns to up by itself and serves from Redis again', async () => {
      await redis.stop();
      await store.jobs.get('anything');
      expect(store.health()).to.equal('degraded');

      await redis.start();
      await eventually(() => store.health() === 'up');
      expect(await store.cache.set('k2', aCachedResult())).to.equal(true);
      expect((await store.cache.get('k2'))?.result.files).to.equal(3);
      expect((await registry.getSingleMetric('docc2context_redis_up')?.get())?.values[0]?.value).to.equal(1);
    });
  });

  describe('when Redis is slow', () => {
    it('gives up after the command timeout and runs degraded', async () => {
      const admin = new Redis(redis.url);
      try {
        const sleeping = admin.call('DEBUG', 'SLEEP', '1').catch(() => undefined);
        await delay(50);
        expect(await store.jobs.get('k')).to.equal(undefined);
        expect(store.health()).to.equal('degraded');
        await sleeping;
        await eventually(() => store.health() === 'up');
      } finally {
        admin.disconnect();
      }
    });
  });

  describe('when the store starts while Redis is down', () => {
    it('starts degraded and recovers once Redis answers', async () => {
      await store.close();
      await redis.stop();
      store = await createRedisStore({
        config: testStoreConfig({ keyPrefix: 'degraded:', commandTimeoutMs: 200, connectTimeoutMs: 200, probeIntervalMs: 100 }),
        redisUrl: redis.url,
        logger: silentLogger(),
      });
      expect(store.health()).to.equal('degraded');
      expect((await store.rateLimiter.consume('c', rule)).allowed).to.equal(true);
      await redis.start();
      await eventually(() => store.health() === 'up');
    });
  });
});
