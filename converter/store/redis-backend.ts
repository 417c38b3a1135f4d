// Backend on Redis through ioredis: the only file of the project that talks to Redis commands.
// Keys are namespaced by a prefix (per deployment, or per test run).
import type { Redis } from 'ioredis';
import { decision } from './gcra.ts';
import { DELETE_IF_DIGEST, EXTEND_IF_OWNER, GCRA, RELEASE_IF_OWNER, SET_IF_DIGEST } from './redis-scripts.ts';
import type { Backend } from './backend.ts';
import type { RateLimitDecision, RateLimitRule } from './types.ts';

interface ScriptCommands {
  d2cReleaseIfOwner(key: string, token: string): Promise<number>;
  d2cExtendIfOwner(key: string, token: string, ttlMs: number): Promise<number>;
  d2cSetIfDigest(key: string, digest: string, value: Buffer, ttlMs: number): Promise<number>;
  d2cDeleteIfDigest(key: string, digest: string): Promise<number>;
  d2cGcra(key: string, nowMs: number, limit: number, windowMs: number): Promise<[number, number, number, number]>;
}

export class RedisBackend implements Backend {
  private readonly client: Redis & ScriptCommands;
  private readonly prefix: string;

  constructor(client: Redis, prefix: string) {
    // defineCommand sends EVALSHA and falls back to EVAL once after a NOSCRIPT (e.g. a restart).
    client.defineCommand('d2cReleaseIfOwner', { numberOfKeys: 1, lua: RELEASE_IF_OWNER });
    client.defineCommand('d2cExtendIfOwner', { numberOfKeys: 1, lua: EXTEND_IF_OWNER });
    client.defineCommand('d2cSetIfDigest', { numberOfKeys: 1, lua: SET_IF_DIGEST });
    client.defineCommand('d2cDeleteIfDigest', { numberOfKeys: 1, lua: DELETE_IF_DIGEST });
    client.defineCommand('d2cGcra', { numberOfKeys: 1, lua: GCRA });
    this.client = client as Redis & ScriptCommands;
    this.prefix = prefix;
  }

  async get(key: string): Promise<Buffer | undefined> {
    return (await this.client.getBuffer(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: Buffer, ttlMs: number): Promise<void> {
    await this.client.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string | Buffer, ttlMs: number): Promise<boolean> {
    const reply = await this.client.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return reply === 'OK';
  }

  async compareAndSet(key: string, expected: string | undefined, value: Buffer, ttlMs: number): Promise<boolean> {
    if (expected === undefined) return this.setIfAbsent(key, value, ttlMs);
    return (await this.client.d2cSetIfDigest(this.prefix + key, expected, value, Math.max(1, Math.ceil(ttlMs)))) === 1;
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    return (await this.client.d2cDeleteIfDigest(this.prefix + key, expected)) === 1;
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    return (await this.client.d2cReleaseIfOwner(this.prefix + key, value)) === 1;
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.d2cExtendIfOwner(this.prefix + key, value, Math.max(1, Math.ceil(ttlMs)))) === 1;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.prefix + key)) === 1;
  }

  async rateLimit(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> {
    const [allowed, remaining, resetMs, retryMs] = await this.client.d2cGcra(this.prefix + key, nowMs, rule.limit, rule.windowMs);
    return decision(rule, { allowed: allowed === 1, remaining, resetMs, retryMs });
  }
}
