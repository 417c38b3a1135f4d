// In-process backend: a Map with expiry read through an injected clock. Used when no Redis is
// configured (`make run` on one machine) and as the per-pod fallback while Redis is degraded.
import { gcraStep } from './gcra.ts';
import { valueDigest } from './value-digest.ts';
import type { Backend } from './backend.ts';
import type { RateLimitDecision, RateLimitRule } from './types.ts';
import type { Clock } from '../clock.ts';

interface Entry {
  value: Buffer;
  expiresAtMs: number;
}

export interface MemoryBackendOptions {
  now?: Clock;
  /** Over either bound the oldest-written entries are evicted, so memory stays bounded. */
  maxEntries?: number;
  maxBytes?: number;
}

export class MemoryBackend implements Backend {
  private readonly entries = new Map<string, Entry>();
  private readonly now: Clock;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(options: MemoryBackendOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  async get(key: string): Promise<Buffer | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: Buffer, ttlMs: number): Promise<void> {
    this.remove(key);
    this.entries.set(key, { value, expiresAtMs: this.now() + ttlMs });
    this.bytes += value.length;
    this.evictOverflow();
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    await this.set(key, Buffer.from(value), ttlMs);
    return true;
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    const entry = this.live(key);
    if (entry === undefined || !entry.value.equals(Buffer.from(value))) return false;
    return this.remove(key);
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    const entry = this.live(key);
    if (entry === undefined || !entry.value.equals(Buffer.from(value))) return false;
    entry.expiresAtMs = this.now() + ttlMs;
    return true;
  }

  async compareAndSet(key: string, expected: string | undefined, value: Buffer, ttlMs: number): Promise<boolean> {
    if (!this.holds(key, expected)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    return this.holds(key, expected) && this.remove(key);
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.remove(key);
    return existed;
  }

  async rateLimit(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> {
    const stored = this.live(key);
    const step = gcraStep(stored === undefined ? undefined : Number(stored.value.toString()), nowMs, rule);
    if (step.tatMs !== undefined) await this.set(key, Buffer.from(String(step.tatMs)), step.tatMs - nowMs);
    return step.decision;
  }

  /** Whether the key holds the value of digest `expected` (undefined: whether it is absent). */
  private holds(key: string, expected: string | undefined): boolean {
    const entry = this.live(key);
    return entry === undefined ? expected === undefined : expected !== undefined && valueDigest(entry.value) === expected;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs > this.now()) return entry;
    this.remove(key);
    return undefined;
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.bytes -= entry.value.length;
    return this.entries.delete(key);
  }

  // Map iteration is insertion order and set() re-inserts, so the first entries are the oldest.
  private evictOverflow(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.remove(key);
    }
  }
}
