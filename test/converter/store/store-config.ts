// StoreConfig for tests: defaults of readStoreConfig() with the suite's overrides.
import { EnvReader } from '../../../common/config.ts';
import { readStoreConfig } from '../../../converter/store/config.ts';
import type { StoreConfig } from '../../../converter/store/config.ts';

export function testStoreConfig(overrides: Partial<StoreConfig> = {}): StoreConfig {
  const reader = new EnvReader({});
  return { ...reader.done(readStoreConfig(reader)), ...overrides };
}
