// The result cache's settings, shared by POST /api/v1/convert and the job API: built once by the
// composition root from the config.
import { delay } from '../../common/delay.ts';
import { wallClock, type Clock } from '../clock.ts';
import type { Store } from '../store/types.ts';
import type { CachedConversionDeps } from './cached-conversion.ts';

export const DEFAULT_CACHE_MAX_BYTES = 32 * 1024 * 1024;

export interface CacheSettings {
  store: Pick<Store, 'cache' | 'locks'>;
  /** False when CACHE_TTL_SECONDS is 0. */
  cacheEnabled: boolean;
  /** CACHE_MAX_RESULT_BYTES: larger results are neither cached nor held in memory. */
  cacheMaxBytes?: number;
  conversionTimeoutMs: number;
  /** How often a caller waiting for an identical conversion looks again. */
  pollMs: number;
  now?: Clock;
  onLookup?: (result: 'hit' | 'miss') => void;
}

export function cachedConversionDeps(settings: CacheSettings): CachedConversionDeps {
  return {
    store: settings.store,
    cacheEnabled: settings.cacheEnabled,
    cacheMaxBytes: settings.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES,
    // A conversion holds its key's lock at most for its timeout; waiters give up a little later.
    lockTtlMs: settings.conversionTimeoutMs + 30_000,
    waitTimeoutMs: settings.conversionTimeoutMs + 5_000,
    pollMs: settings.pollMs,
    now: settings.now ?? wallClock,
    sleep: delay,
    onLookup: settings.onLookup,
  };
}
