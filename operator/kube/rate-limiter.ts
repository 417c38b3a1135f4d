// Rate limiters for the work queue, after client-go's util/workqueue/default_rate_limiters.go:
// per-item exponential backoff combined (max-of) with an overall token bucket. `when(item)`
// says how long to wait before the item may be processed again.
import type { Clock } from '../clock.ts';

export interface RateLimiter<K> {
  /** Delay in ms before `item` may be retried; each call counts as one more failure. */
  when(item: K): number;
  /** Stops tracking `item` (call on success). */
  forget(item: K): void;
  /** How many times `item` was requeued since it was last forgotten. */
  numRequeues(item: K): number;
}

/** base × 2^failures, capped at max (client-go ItemExponentialFailureRateLimiter). */
export class ItemExponentialRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(baseDelayMs: number, maxDelayMs: number) {
    this.baseDelayMs = baseDelayMs;
    this.maxDelayMs = maxDelayMs;
  }

  when(item: K): number {
    const exponent = this.failures.get(item) ?? 0;
    this.failures.set(item, exponent + 1);
    const delay = this.baseDelayMs * 2 ** exponent;
    return Number.isFinite(delay) ? Math.min(delay, this.maxDelayMs) : this.maxDelayMs;
  }

  forget(item: K): void {
    this.failures.delete(item);
  }

  numRequeues(item: K): number {
    return this.failures.get(item) ?? 0;
  }
}

/**
 * A token bucket shared by all items (golang.org/x/time/rate semantics): `burst` tokens,
 * refilled at `qps`; a request beyond the bucket reserves a future token and waits for it.
 */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  private readonly clock: Clock;
  private readonly qps: number;
  private readonly burst: number;
  private tokens: number;
  private last: number;

  constructor(clock: Clock, qps: number, burst: number) {
    this.clock = clock;
    this.qps = qps;
    this.burst = burst;
    this.tokens = burst;
    this.last = clock.now();
  }

  when(_item: K): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.qps);
  }

  forget(_item: K): void {}

  numRequeues(_item: K): number {
    return 0;
  }
}

/** The longest delay of its limiters (client-go MaxOfRateLimiter). */
export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  private readonly limiters: readonly RateLimiter<K>[];

  constructor(...limiters: RateLimiter<K>[]) {
    this.limiters = limiters;
  }

  when(item: K): number {
    return Math.max(0, ...this.limiters.map((limiter) => limiter.when(item)));
  }

  forget(item: K): void {
    for (const limiter of this.limiters) limiter.forget(item);
  }

  numRequeues(item: K): number {
    return Math.max(0, ...this.limiters.map((limiter) => limiter.numRequeues(item)));
  }
}

export interface ControllerRateLimiterOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  qps: number;
  burst: number;
}

/** client-go's DefaultTypedControllerRateLimiter: 5 ms → 1000 s per item, 10 qps / burst 100 overall. */
export const DEFAULT_RATE_LIMITER_OPTIONS: Readonly<ControllerRateLimiterOptions> = Object.freeze({
  baseDelayMs: 5,
  maxDelayMs: 1_000_000,
  qps: 10,
  burst: 100,
});

export function controllerRateLimiter<K>(clock: Clock, options: Partial<ControllerRateLimiterOptions> = {}): RateLimiter<K> {
  const { baseDelayMs, maxDelayMs, qps, burst } = { ...DEFAULT_RATE_LIMITER_OPTIONS, ...options };
  return new MaxOfRateLimiter<K>(new ItemExponentialRateLimiter(baseDelayMs, maxDelayMs), new BucketRateLimiter(clock, qps, burst));
}
