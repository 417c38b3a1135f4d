// Conversion through the result cache, shared by POST /api/v1/convert and the job API. A hit
// replays the stored bytes without converting; on a miss one caller per cache key converts
// (a store lock) while identical callers wait for its result, so a burst of the same archive
// converts once. Waiting is bounded: past the deadline the waiter fails with TIMED_OUT.
// A fresh result is read into memory only when it is small enough to cache (CACHE_MAX_RESULT_BYTES);
// a larger one stays on disk, is streamed to its reader and never goes to Redis.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';
import { cacheKey, sha256Hex } from '../store/cache-key.ts';
import type { CachedSummary, Store } from '../store/types.ts';
import type { PipelineResult } from './pipeline.ts';

export interface CachedConversionDeps {
  store: Pick<Store, 'cache' | 'locks'>;
  /** False when the cache is disabled: no lookups, no locks. */
  cacheEnabled: boolean;
  /** Largest result (zip bytes) cached and so held in memory; larger ones are streamed from disk. */
  cacheMaxBytes: number;
  /** Lock lifetime: longer than any conversion (it is released as soon as the result is stored). */
  lockTtlMs: number;
  waitTimeoutMs: number;
  pollMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onLookup?: (result: 'hit' | 'miss') => void;
}

export interface CachedConversionRequest {
  archiveSha256: string;
  engine: EngineName;
  options: ConversionOptions;
  /** Runs the real conversion; called only on a miss, by the one caller holding the lock. */
  convert: () => Promise<PipelineResult>;
}

/** The result zip: in memory (a cache hit, or small enough to cache) or on disk in the workspace. */
export type ResultZip = { zip: Buffer; zipPath?: undefined } | { zip?: undefined; zipPath: string };

export type ConversionOutcome = ResultZip & {
  summary: CachedSummary;
  cacheHit: boolean;
};

/** The bytes of a result, read from disk when they are not in memory (callers check the size first). */
export function resultBytes(outcome: ResultZip): Promise<Buffer> {
  return outcome.zip === undefined ? readFile(outcome.zipPath) : Promise.resolve(outcome.zip);
}

export async function convertCached(deps: CachedConversionDeps, request: CachedConversionRequest): Promise<ConversionOutcome> {
  if (!deps.cacheEnabled) return convertFresh(request, 0);
  const key = cacheKey(request);
  const deadline = deps.now() + deps.waitTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    const hit = await lookup(deps, key, attempt === 0);
    if (hit) return hit;
    const lock = await deps.store.locks.tryAcquire(`convert:${key}`, deps.lockTtlMs);
    if (lock) {
      try {
        // Someone may have stored it between our lookup and our lock.
        return (await lookup(deps, key, false)) ?? (await convertAndStore(deps, key, request));
      } finally {
        await deps.store.locks.release(lock);
      }
    }
    if (deps.now() >= deadline) throw new AppError('TIMED_OUT', 'An identical conversion is still running; retry shortly.');
    await deps.sleep(deps.pollMs);
  }
}

async function lookup(deps: CachedConversionDeps, key: string, countMiss: boolean): Promise<ConversionOutcome | undefined> {
  const cached = await deps.store.cache.get(key);
  if (cached) {
    deps.onLookup?.('hit');
    return { ...cached, cacheHit: true };
  }
  if (countMiss) deps.onLookup?.('miss');
  return undefined;
}

async function convertAndStore(deps: CachedConversionDeps, key: string, request: CachedConversionRequest): Promise<ConversionOutcome> {
  const outcome = await convertFresh(request, deps.cacheMaxBytes);
  if (outcome.zip !== undefined) await deps.store.cache.set(key, { zip: outcome.zip, summary: outcome.summary });
  return outcome;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs the conversion; reads the zip into memory only when it is at most `holdMaxBytes`. */
async function convertFresh(request: CachedConversionRequest, holdMaxBytes: number): Promise<ConversionOutcome> {
  const { outputZip, result } = await request.convert();
  const { size } = await stat(outputZip);
  const zip = size <= holdMaxBytes ? await readFile(outputZip) : undefined;
  const summary: CachedSummary = {
    engine: result.engine,
    files: result.files,
    bytes: size,
    sha256: zip === undefined ? await sha256OfFile(outputZip) : sha256Hex(zip),
    counts: result.counts,
    warnings: result.warnings,
    durationMs: result.durationMs,
  };
  return zip === undefined ? { zipPath: outputZip, summary, cacheHit: false } : { zip, summary, cacheHit: false };
}
