// Puts a fallback behind the Redis backend: while Redis is up every call goes to it; a failure
// marks the tracker degraded and the same call (and every later one until recovery) is served
// by the fallback — per-pod memory for limits, jobs, locks and the result cache.
// Result blobs (bulk keys) are the exception: they go to a bulk backend with its own, longer
// time budget, and a failure there fails that one call (StoreUnavailableError) without
// flipping the tracker, so one slow multi-MiB value never degrades the whole pod.
import type { Backend } from './backend.ts';
import { StoreUnavailableError } from './errors.ts';
import type { HealthTracker } from './health.ts';
import type { RateLimitDecision, RateLimitRule } from './types.ts';

export interface BulkRoute {
  backend: Backend;
  isBulk: (key: string) => boolean;
}

export interface ResilientHooks {
  onError: (error: unknown) => void;
  /** Unset: every key goes to the primary and decides health. */
  bulk?: BulkRoute;
}

export class ResilientBackend implements Backend {
  private readonly primary: Backend;
  private readonly fallback: Backend;
  private readonly tracker: HealthTracker;
  private readonly hooks: ResilientHooks;

  constructor(primary: Backend, fallback: Backend, tracker: HealthTracker, hooks: ResilientHooks) {
    this.primary = primary;
    this.fallback = fallback;
    this.tracker = tracker;
    this.hooks = hooks;
  }

  get(key: string): Promise<Buffer | undefined> {
    if (this.isBulk(key)) return this.bulkCall((backend) => backend.get(key));
    return this.call((backend) => backend.get(key));
  }

  set(key: string, value: Buffer, ttlMs: number): Promise<void> {
    if (this.isBulk(key)) return this.bulkCall((backend) => backend.set(key, value, ttlMs));
    return this.call((backend) => backend.set(key, value, ttlMs));
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.call((backend) => backend.setIfAbsent(key, value, ttlMs));
  }

  deleteIfEquals(key: string, value: string): Promise<boolean> {
    return this.call((backend) => backend.deleteIfEquals(key, value));
  }

  expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.call((backend) => backend.expireIfEquals(key, value, ttlMs));
  }

  delete(key: string): Promise<boolean> {
    return this.call((backend) => backend.delete(key));
  }

  rateLimit(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> {
    return this.call((backend) => backend.rateLimit(key, rule, nowMs));
  }

  private isBulk(key: string): boolean {
    return this.hooks.bulk?.isBulk(key) ?? false;
  }

  private async call<T>(operation: (backend: Backend) => Promise<T>): Promise<T> {
    if (this.tracker.state === 'degraded') return operation(this.fallback);
    try {
      return await operation(this.primary);
    } catch (error) {
      this.hooks.onError(error);
      this.tracker.markDegraded(error);
      return operation(this.fallback);
    }
  }

  private async bulkCall<T>(operation: (backend: Backend) => Promise<T>): Promise<T> {
    const bulk = this.hooks.bulk;
    if (this.tracker.state === 'degraded' || bulk === undefined) return this.call(operation);
    try {
      return await operation(bulk.backend);
    } catch (error) {
      this.hooks.onError(error);
      throw new StoreUnavailableError();
    }
  }
}

/** A backend that remembers nothing: every read a miss (for tests and callers that want no fallback). */
export class NullBackend implements Backend {
  async get(): Promise<Buffer | undefined> {
    return undefined;
  }
  async set(): Promise<void> {}
  async setIfAbsent(): Promise<boolean> {
    return true;
  }
  async deleteIfEquals(): Promise<boolean> {
    return false;
  }
  async expireIfEquals(): Promise<boolean> {
    return false;
  }
  async delete(): Promise<boolean> {
    return false;
  }
  async rateLimit(_key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    return { allowed: true, limit: rule.limit, remaining: rule.limit, resetSeconds: 0, retryAfterSeconds: 0 };
  }
}
