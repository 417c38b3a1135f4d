import { silentLogger } from '../../../common/logger.ts';
import { createMemoryStore } from '../../../converter/store/index.ts';
import { testStoreConfig } from './store-config.ts';
import { describeStoreBehaviour } from './store-suite.ts';

describeStoreBehaviour('memory store', async (options) =>
  createMemoryStore({ config: testStoreConfig(options), logger: silentLogger(), now: options.now }),
);
