// The store's roles written once over a Backend, so the Redis and memory stores share them.
import { randomUUID } from 'node:crypto';
import type { ConversionResult } from '../../common/contract/conversion-job.ts';
import type { Backend } from './backend.ts';
import { StoreUnavailableError } from './errors.ts';
import type { ReplayPolicy } from './replay.ts';
import type {
  CachedResult,
  JobRecord,
  JobRecords,
  Lock,
  LockService,
  RateLimitDecision,
  RateLimiter,
  RateLimitRule,
  ResultCache,
  RetainedResults,
} from './types.ts';
import type { Clock } from '../clock.ts';

// Keys holding result blobs (up to CACHE_MAX_RESULT_BYTES / RESULT_MAX_BYTES): their commands
// run on the bulk connection with its own time budget and never decide Redis health.
const BULK_KEY_PREFIXES = ['cache:', 'result:'];

export function isBulkKey(key: string): boolean {
  return BULK_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

function decodeRecord(value: Buffer): JobRecord | undefined {
  try {
    return JSON.parse(value.toString()) as JobRecord;
  } catch {
    return undefined;
  }
}

/**
 * A replayed job record replaces Redis' copy only when that copy is still `running` and ours is
 * final for the same request (another body under the id is another job: CONFLICT, never ours).
 */
export function jobRecordReplaces(ours: Buffer, theirs: Buffer): boolean {
  const [mine, redis] = [decodeRecord(ours), decodeRecord(theirs)];
  if (mine === undefined || redis === undefined) return false;
  return redis.status.state === 'running' && mine.status.state !== 'running' && mine.requestHash === redis.requestHash;
}

// A retained result is the content of a finished job (same id, same bytes): written only if absent.
const JOB_RECORD_REPLAY: ReplayPolicy = { replaces: jobRecordReplaces };
const RETAINED_RESULT_REPLAY: ReplayPolicy = {};

/** Job records and retained results are what other pods must see after an outage (replayed). */
export function replayPolicyFor(key: string): ReplayPolicy | undefined {
  if (key.startsWith('job:')) return JOB_RECORD_REPLAY;
  if (key.startsWith('result:')) return RETAINED_RESULT_REPLAY;
  return undefined;
}

function missOn<T>(error: unknown, miss: T): T {
  if (error instanceof StoreUnavailableError) return miss;
  throw error;
}

export interface CachePolicy {
  ttlMs: number;
  /** Results larger than this (zip bytes) are not cached. */
  maxBytes: number;
}

// A cached value is one buffer, so a read is one GET and a write is atomic:
// 4-byte big-endian length of the summary JSON, the JSON, then the zip bytes.
export function encodeCached(result: CachedResult): Buffer {
  const summary = Buffer.from(JSON.stringify(result.result));
  const header = Buffer.alloc(4);
  header.writeUInt32BE(summary.length);
  return Buffer.concat([header, summary, result.zip]);
}

export function decodeCached(value: Buffer): CachedResult | undefined {
  if (value.length < 4) return undefined;
  const summaryEnd = 4 + value.readUInt32BE(0);
  if (summaryEnd > value.length) return undefined;
  try {
    const result = JSON.parse(value.subarray(4, summaryEnd).toString()) as ConversionResult;
    return { result, zip: value.subarray(summaryEnd) };
  } catch {
    return undefined;
  }
}

export function createResultCache(backend: Backend, policy: CachePolicy): ResultCache {
  return {
    async get(key: string): Promise<CachedResult | undefined> {
      // A slow read of a big value is a miss: the caller converts instead.
      const value = await backend.get(`cache:${key}`).catch((error: unknown) => missOn(error, undefined));
      return value === undefined ? undefined : decodeCached(value);
    },
    async set(key: string, result: CachedResult): Promise<boolean> {
      if (result.zip.length > policy.maxBytes || policy.ttlMs <= 0) return false;
      return backend.set(`cache:${key}`, encodeCached(result), policy.ttlMs).then(
        () => true,
        (error: unknown) => missOn(error, false),
      );
    },
  };
}

export function createRateLimiter(backend: Backend, now: Clock): RateLimiter {
  return {
    consume(clientKey: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      return backend.rateLimit(`rl:${clientKey}`, rule, now());
    },
  };
}

export function createRetainedResults(backend: Backend): RetainedResults {
  return {
    put: (jobId, zip, ttlMs) => backend.set(`result:${jobId}`, zip, ttlMs),
    get: (jobId) => backend.get(`result:${jobId}`),
    delete: (jobId) => backend.delete(`result:${jobId}`),
  };
}

export function createJobRecords(backend: Backend): JobRecords {
  return {
    async get(jobId: string): Promise<JobRecord | undefined> {
      const value = await backend.get(`job:${jobId}`);
      return value === undefined ? undefined : (JSON.parse(value.toString()) as JobRecord);
    },
    put: (record, ttlMs) => backend.set(`job:${record.status.id}`, Buffer.from(JSON.stringify(record)), ttlMs),
    delete: (jobId) => backend.delete(`job:${jobId}`),
  };
}

export function createLockService(backend: Backend): LockService {
  return {
    async tryAcquire(name: string, ttlMs: number): Promise<Lock | undefined> {
      const token = randomUUID();
      return (await backend.setIfAbsent(`lock:${name}`, token, ttlMs)) ? { name, token } : undefined;
    },
    extend: (lock, ttlMs) => backend.expireIfEquals(`lock:${lock.name}`, lock.token, ttlMs),
    release: (lock) => backend.deleteIfEquals(`lock:${lock.name}`, lock.token),
  };
}
