// Store settings read from the environment by the converter's loadConfig() (one EnvReader).
import type { EnvReader } from '../../common/config.ts';

export interface StoreConfig {
  /** Unset: an in-memory store for one process (`make run`). */
  redisUrl?: string;
  keyPrefix: string;
  /** Upper bound of every Redis command; a slower Redis counts as down. */
  commandTimeoutMs: number;
  /** Upper bound of a command moving a result blob (own connection); a slower one fails alone. */
  bulkCommandTimeoutMs: number;
  connectTimeoutMs: number;
  /** Job records and retained results written per pod while degraded, replayed to Redis after. */
  replayMaxEntries: number;
  /** How often a degraded pod checks whether Redis is back. */
  probeIntervalMs: number;
  /** 0 disables the result cache. */
  cacheTtlSeconds: number;
  cacheMaxResultBytes: number;
  /** Bound of the in-memory store (and of the per-pod fallback while Redis is down). */
  memoryMaxBytes: number;
}

const MIB = 1024 * 1024;

export function readStoreConfig(reader: EnvReader): StoreConfig {
  return {
    redisUrl: reader.url('REDIS_URL', ['redis:', 'rediss:']),
    keyPrefix: reader.string('REDIS_KEY_PREFIX', 'docc2context:'),
    commandTimeoutMs: reader.int('REDIS_COMMAND_TIMEOUT_MS', { default: 1000, min: 10, max: 60_000 }),
    bulkCommandTimeoutMs: reader.int('REDIS_BULK_COMMAND_TIMEOUT_MS', { default: 10_000, min: 10, max: 300_000 }),
    replayMaxEntries: reader.int('REDIS_REPLAY_MAX_ENTRIES', { default: 10_000, min: 0, max: 1_000_000 }),
    connectTimeoutMs: reader.int('REDIS_CONNECT_TIMEOUT_MS', { default: 2000, min: 10, max: 60_000 }),
    probeIntervalMs: reader.int('REDIS_PROBE_INTERVAL_MS', { default: 2000, min: 50, max: 300_000 }),
    cacheTtlSeconds: reader.int('CACHE_TTL_SECONDS', { default: 3600, min: 0, max: 30 * 86_400 }),
    cacheMaxResultBytes: reader.int('CACHE_MAX_RESULT_BYTES', { default: 32 * MIB, min: 0, max: 512 * MIB }),
    memoryMaxBytes: reader.int('STORE_MEMORY_MAX_BYTES', { default: 256 * MIB, min: MIB, max: 16 * 1024 * MIB }),
  };
}
