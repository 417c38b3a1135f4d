// The few primitives the store roles need. Redis and memory implement them; the roles
// (roles.ts) are written once on top, so both stores behave the same by construction and the
// shared suite checks the primitives' semantics (TTL, NX, compare-and-delete, GCRA).
import type { RateLimitDecision, RateLimitRule } from './types.ts';

export interface Backend {
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, value: Buffer, ttlMs: number): Promise<void>;
  /** SET NX PX: true when the key was absent and is now ours. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value` (safe lock release). */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Resets the TTL only while the key still holds `value` (lock heartbeat). */
  expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  /**
   * Sets the key only while it holds the value whose valueDigest() is `expected` (undefined: only
   * while absent, SET NX). True when written. Replay's guard against losing another writer's copy.
   */
  compareAndSet(key: string, expected: string | undefined, value: Buffer, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it holds the value whose valueDigest() is `expected`. */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  /** One atomic GCRA step for `key` at time `nowMs`. */
  rateLimit(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision>;
}
