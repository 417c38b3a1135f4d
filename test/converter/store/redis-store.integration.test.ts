import { Redis } from 'ioredis';
import { silentLogger } from '../../../common/logger.ts';
import { createRedisStore } from '../../../converter/store/index.ts';
import { RedisBackend } from '../../../converter/store/redis-backend.ts';
import { SHARED_REDIS_URL, deleteKeys, uniquePrefix } from '../../support/redis.ts';
import { testStoreConfig } from './store-config.ts';
import { describeStoreBehaviour } from './store-suite.ts';
import { describeCompareAndSet } from './compare-and-set-suite.ts';

const prefix = uniquePrefix('store');
let opened = 0;

describeStoreBehaviour('redis store', async (options) =>
  createRedisStore({
    config: testStoreConfig({ ...options, keyPrefix: `${prefix}${(opened += 1)}:` }),
    redisUrl: SHARED_REDIS_URL,
    logger: silentLogger(),
    now: options.now,
  }),
);

after(async () => deleteKeys(prefix));

// The Lua scripts behind replay's compare-and-set (SET_IF_DIGEST, DELETE_IF_DIGEST).
const clients: Redis[] = [];
describeCompareAndSet('RedisBackend', async () => {
  const client = new Redis(SHARED_REDIS_URL);
  clients.push(client);
  return new RedisBackend(client, `${prefix}cas${(opened += 1)}:`);
});

after(() => clients.splice(0).forEach((client) => client.disconnect()));
