// Puts a fallback behind the Redis backend: while Redis is up every call goes to it; a failure
// marks the tracker degraded and the same call (and every later one until recovery) is served
// by the fallback — per-pod memory for limits, jobs, locks and the result cache.
// Result blobs (bulk keys) are the exception: they go to a bulk backend with its own, longer
// time budget, and a failure there fails that one call (StoreUnavailableError) without
// flipping the tracker, so one slow multi-MiB value never degrades the whole pod.
import type { Backend } from './backend.ts';
import { StoreUnavailableError } from './errors.ts';
import type { HealthTracker } from './health.ts';
import type { ReplayEntry, ReplayQueue } from './replay-queue.ts';
import { replayDelete, replayWrite, tombstone } from './replay.ts';
import type { ReplayPolicies, ReplayPolicy } from './replay.ts';
import type { RateLimitDecision, RateLimitRule } from './types.ts';
import type { Clock } from '../clock.ts';

export interface BulkRoute {
  backend: Backend;
  isBulk: (key: string) => boolean;
}

export interface ResilientHooks {
  onError: (error: unknown) => void;
  /** Unset: every key goes to the primary and decides health. */
  bulk?: BulkRoute;
  /** Durable keys (those with a policy) written or deleted in the fallback while degraded, replayed by replay(). */
  replay?: { queue: ReplayQueue; policyFor: ReplayPolicies; now: Clock };
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
    const remember = (): void => this.remember(key, ttlMs);
    if (this.isBulk(key)) return this.bulkCall((backend) => backend.set(key, value, ttlMs), remember);
    return this.call((backend) => backend.set(key, value, ttlMs), remember);
  }

  /**
   * Replays the durable writes and deletes made per pod during an outage to Redis, oldest first
   * (call when Redis is back), each by its key's policy (replay.ts). A small command that fails
   * means Redis is gone again: stop, keep the rest, and let the next recovery resume. A result
   * blob that fails is dropped like an overflow.
   */
  async replay(): Promise<void> {
    const replay = this.hooks.replay;
    if (replay === undefined || this.replaying) return;
    this.replaying = true;
    try {
      for (let entry = replay.queue.peek(); entry !== undefined && this.tracker.state === 'up'; entry = replay.queue.peek()) {
        if (!(await this.replayOne(entry))) return;
        replay.queue.done(entry);
      }
    } finally {
      this.replaying = false;
    }
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
    return this.call((backend) => (backend === this.fallback ? this.deleteKept(key) : backend.delete(key)));
  }

  compareAndSet(key: string, expected: string | undefined, value: Buffer, ttlMs: number): Promise<boolean> {
    return this.call((backend) => backend.compareAndSet(key, expected, value, ttlMs));
  }

  compareAndDelete(key: string, expected: string): Promise<boolean> {
    return this.call((backend) => backend.compareAndDelete(key, expected));
  }

  rateLimit(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> {
    return this.call((backend) => backend.rateLimit(key, rule, nowMs));
  }

  private replaying = false;

  /** False when Redis failed a small command (stop replaying); a failed blob is dropped instead. */
  private async replayOne(entry: ReplayEntry): Promise<boolean> {
    const policy = this.hooks.replay?.policyFor(entry.key);
    const bulk = this.isBulk(entry.key) ? this.hooks.bulk?.backend : undefined;
    const target = bulk ?? this.primary;
    try {
      if (policy === undefined) return true;
      if ('deleted' in entry) await replayDelete(target, entry.key, entry.deleted, policy);
      else await this.writeThrough(target, entry, policy);
      return true;
    } catch (error) {
      this.hooks.onError(error);
      if (bulk === undefined) this.tracker.markDegraded(error);
      else this.hooks.replay?.queue.drop(entry.key);
      return bulk !== undefined;
    }
  }

  private async writeThrough(target: Backend, entry: { key: string; expiresAtMs: number }, policy: ReplayPolicy): Promise<void> {
    const ours = await this.fallback.get(entry.key);
    const ttlMs = entry.expiresAtMs - (this.hooks.replay?.now() ?? 0);
    if (ours !== undefined && ttlMs > 0) await replayWrite(target, entry.key, { ours, ttlMs, policy });
  }

  private remember(key: string, ttlMs: number): void {
    const replay = this.hooks.replay;
    if (replay?.policyFor(key) !== undefined) replay.queue.add(key, replay.now() + ttlMs);
  }

  /** A delete served by the fallback: durable keys it removed leave a tombstone for replay(). */
  private async deleteKept(key: string): Promise<boolean> {
    const policy = this.hooks.replay?.policyFor(key);
    const value = policy === undefined ? undefined : await this.fallback.get(key);
    const deleted = await this.fallback.delete(key);
    if (policy !== undefined && value !== undefined) this.hooks.replay?.queue.addDelete(key, tombstone(policy, value));
    return deleted;
  }

  private isBulk(key: string): boolean {
    return this.hooks.bulk?.isBulk(key) ?? false;
  }

  private async call<T>(operation: (backend: Backend) => Promise<T>, onFallback?: () => void): Promise<T> {
    if (this.tracker.state === 'up') {
      try {
        return await operation(this.primary);
      } catch (error) {
        this.hooks.onError(error);
        this.tracker.markDegraded(error);
      }
    }
    const result = await operation(this.fallback);
    onFallback?.();
    return result;
  }

  private async bulkCall<T>(operation: (backend: Backend) => Promise<T>, onFallback?: () => void): Promise<T> {
    const bulk = this.hooks.bulk;
    if (this.tracker.state === 'degraded' || bulk === undefined) return this.call(operation, onFallback);
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
  async compareAndSet(): Promise<boolean> {
    return false;
  }
  async compareAndDelete(): Promise<boolean> {
    return false;
  }
  async rateLimit(_key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    return { allowed: true, limit: rule.limit, remaining: rule.limit, resetSeconds: 0, retryAfterSeconds: 0 };
  }
}
