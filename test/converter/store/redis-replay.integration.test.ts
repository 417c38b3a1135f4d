// Job records and retained results written to the per-pod fallback during an outage are written
// through to Redis once it answers again, so another pod sees them instead of a 404.
import { expect } from 'chai';
import { Registry } from 'prom-client';
import { silentLogger } from '../../../common/logger.ts';
import { createRedisStore } from '../../../converter/store/index.ts';
import { createStoreMetrics } from '../../../converter/store/metrics.ts';
import type { JobRecord, Store } from '../../../converter/store/types.ts';
import { PrivateRedis } from '../../support/redis.ts';
import { testStoreConfig } from './store-config.ts';
import { delay } from '../../../common/delay.ts';

async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await delay(50);
  }
  throw new Error('condition never became true');
}

function aRecord(id: string): JobRecord {
  return { requestHash: 'h', status: { id, state: 'running' } } as unknown as JobRecord;
}

describe('Redis store replay after an outage', () => {
  const stores: Store[] = [];
  let redis: PrivateRedis;
  let registry: Registry;

  const open = async (replayMaxEntries = 100): Promise<Store> => {
    registry = new Registry();
    const config = testStoreConfig({
      keyPrefix: 'replay:',
      commandTimeoutMs: 200,
      connectTimeoutMs: 200,
      probeIntervalMs: 100,
      replayMaxEntries,
    });
    const store = await createRedisStore({ config, redisUrl: redis.url, logger: silentLogger(), metrics: createStoreMetrics(registry) });
    stores.push(store);
    return store;
  };

  beforeEach(async () => (redis = await PrivateRedis.start()));
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await redis.stop();
  });

  describe('when a job and its result are written while Redis is down', () => {
    it('writes them through on recovery, so another store instance reads them', async () => {
      const writer = await open();
      await redis.stop();
      await writer.jobs.get('probe');
      expect(writer.health()).to.equal('degraded');
      await writer.jobs.put(aRecord('during'), 60_000);
      await writer.results.put('during', Buffer.from('zip-bytes'), 60_000);

      await redis.start();
      const reader = await open();
      await eventually(() => writer.health() === 'up');
      await eventually(async () => (await reader.jobs.get('during')) !== undefined);
      expect((await reader.jobs.get('during'))?.status.id).to.equal('during');
      expect((await reader.results.get('during'))?.toString()).to.equal('zip-bytes');
    });
  });

  describe('when more records arrive during the outage than the replay bound', () => {
    it('writes through the newest and counts the dropped oldest', async () => {
      const writer = await open(2);
      const writerRegistry = registry;
      await redis.stop();
      await writer.jobs.get('probe');
      for (const id of ['j1', 'j2', 'j3']) await writer.jobs.put(aRecord(id), 60_000);

      await redis.start();
      const reader = await open();
      await eventually(() => writer.health() === 'up');
      await eventually(async () => (await reader.jobs.get('j3')) !== undefined);
      expect((await reader.jobs.get('j2'))?.status.id).to.equal('j2');
      expect(await reader.jobs.get('j1')).to.equal(undefined);
      const dropped = await writerRegistry.getSingleMetric('docc2context_redis_replay_dropped_total')?.get();
      expect(dropped?.values[0]?.value).to.equal(1);
    });
  });
});
