// Contract of converter/store: what converter pods share. One Store bundles small role
// interfaces; Redis (shared by replicas) and memory (one process, `make run`) implement it and
// pass the same behavioural suite (test/converter/store/store-suite.ts).
import type { ConversionJobStatus, ConversionResult } from '../../common/contract/conversion-job.ts';

export type StoreHealth = 'up' | 'degraded';

/** A cached result zip and the result of the conversion that made it (what a hit replays). */
export interface CachedResult {
  zip: Buffer;
  result: ConversionResult;
}

/** Content-addressed result cache (key from cacheKey()). Failures read as a miss. */
export interface ResultCache {
  get(key: string): Promise<CachedResult | undefined>;
  /** Returns false when the result was not stored (over the size cap, or the store is degraded). */
  set(key: string, result: CachedResult): Promise<boolean>;
}

export interface RateLimitRule {
  /** Requests allowed per window (also the burst size). */
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the full quota is available again (RateLimit-Reset). */
  resetSeconds: number;
  /** Seconds to wait before the next request can pass; 0 when allowed (Retry-After). */
  retryAfterSeconds: number;
}

/** Per-client limiter shared by every replica (GCRA: a token bucket in one key). */
export interface RateLimiter {
  consume(clientKey: string, rule: RateLimitRule): Promise<RateLimitDecision>;
}

/** Result zips kept by job id for GET /api/v1/conversions/:id/result.zip on any replica. */
export interface RetainedResults {
  put(jobId: string, zip: Buffer, ttlMs: number): Promise<void>;
  get(jobId: string): Promise<Buffer | undefined>;
  delete(jobId: string): Promise<boolean>;
}

/** A job as stored: its status plus a fingerprint of the request that created it. */
export interface JobRecord {
  /** sha256 of the canonical request body: the same id with another body is a CONFLICT. */
  requestHash: string;
  status: ConversionJobStatus;
}

export interface JobRecords {
  get(jobId: string): Promise<JobRecord | undefined>;
  put(record: JobRecord, ttlMs: number): Promise<void>;
  delete(jobId: string): Promise<boolean>;
}

export interface Lock {
  readonly name: string;
  readonly token: string;
}

/** Idempotency locks: SET NX PX with a random token, released only by their holder. */
export interface LockService {
  /** Returns the lock, or undefined when someone else holds it. */
  tryAcquire(name: string, ttlMs: number): Promise<Lock | undefined>;
  /** Extends the lock's TTL if still ours (heartbeat of a long job); false when it was lost. */
  extend(lock: Lock, ttlMs: number): Promise<boolean>;
  /** Releases the lock if still ours; returns false when it expired or was taken over. */
  release(lock: Lock): Promise<boolean>;
}

export interface Store {
  readonly cache: ResultCache;
  readonly rateLimiter: RateLimiter;
  readonly results: RetainedResults;
  readonly jobs: JobRecords;
  readonly locks: LockService;
  /** `degraded` while Redis is unreachable or slow: for /readyz and metrics. */
  health(): StoreHealth;
  close(): Promise<void>;
}
