// Result blobs move on their own connection with their own time budget: a bulk command that
// runs out of time fails alone (a cache miss, or StoreUnavailableError for a retained result)
// and never flips the store to degraded; small commands keep deciding health.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { silentLogger } from '../../../common/logger.ts';
import { StoreUnavailableError } from '../../../converter/store/errors.ts';
import { createRedisStore } from '../../../converter/store/index.ts';
import type { Store } from '../../../converter/store/types.ts';
import { PrivateRedis } from '../../support/redis.ts';
import { testStoreConfig } from './store-config.ts';
import { aCachedResult } from './store-suite.ts';
import { delay } from '../../../common/delay.ts';

describe('Redis store bulk commands', () => {
  let redis: PrivateRedis;
  let admin: Redis;
  let store: Store;

  before(async () => {
    redis = await PrivateRedis.start();
    admin = new Redis(redis.url);
    // Small commands may wait out the whole stall; bulk ones give up long before it ends.
    const config = testStoreConfig({ keyPrefix: 'bulk:', commandTimeoutMs: 20_000, bulkCommandTimeoutMs: 50, probeIntervalMs: 100 });
    store = await createRedisStore({ config, redisUrl: redis.url, logger: silentLogger() });
  });
  after(async () => {
    await store.close();
    admin.disconnect();
    await redis.stop();
  });

  describe('when Redis is too slow for a bulk command', () => {
    it('reads the cache as a miss and refuses a retained result, while the store stays up', async () => {
      await store.cache.set('big', aCachedResult());
      await store.results.put('job-1', Buffer.from('zip'), 60_000);
      const stalled = admin.call('DEBUG', 'SLEEP', '1');
      await delay(50);
      const [cached, retained] = await Promise.all([
        store.cache.get('big'),
        store.results.get('job-1').then(
          () => 'answered',
          (error: unknown) => error,
        ),
      ]);
      await stalled;
      expect(cached).to.equal(undefined);
      expect(retained).to.be.instanceOf(StoreUnavailableError);
      expect(store.health()).to.equal('up');
    });

    it('fails a bulk write as "not cached" and still serves small commands from Redis', async () => {
      const stalled = admin.call('DEBUG', 'SLEEP', '1');
      await delay(50);
      const [stored, lock] = await Promise.all([store.cache.set('late', aCachedResult()), store.locks.tryAcquire('small', 60_000)]);
      await stalled;
      expect(stored).to.equal(false);
      expect(lock).to.not.equal(undefined);
      expect(store.health()).to.equal('up');
      expect(await admin.exists('bulk:lock:small')).to.equal(1);
    });
  });

  describe('when Redis answers in time', () => {
    it('moves result blobs through the bulk connection', async () => {
      await store.results.put('job-2', Buffer.from('zip-2'), 60_000);
      expect((await store.results.get('job-2'))?.toString()).to.equal('zip-2');
      expect(await admin.exists('bulk:result:job-2')).to.equal(1);
    });
  });
});
