import { silentLogger } from '../../../common/logger.ts';
import { createRedisStore } from '../../../converter/store/index.ts';
import { SHARED_REDIS_URL, deleteKeys, uniquePrefix } from '../../support/redis.ts';
import { testStoreConfig } from './store-config.ts';
import { describeStoreBehaviour } from './store-suite.ts';

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
