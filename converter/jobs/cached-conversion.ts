// Conversion through the result cache, shared by POST /api/v1/convert and the job API. A hit
// replays the stored bytes without converting; on a miss one caller per cache key converts
// (a store lock) while identical callers wait for its result, so a burst of the same archive
// converts once. Waiting is bounded: past the deadline the waiter fails with TIMED_OUT.
import { readFile } from 'node:fs/promises';
import type { ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';
import { cacheKey, sha256Hex } from '../store/cache-key.ts';
import type { CachedSummary, Store } from '../store/types.ts';
import type { PipelineResult } from './pipeline.ts';

export interface CachedConversionDeps {
  store: Pick<Store, 'cache' | 'locks'>;
  /** False when the cache is disabled: no lookups, no locks. */
  cacheEnabled: boolean;
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

export interface ConversionOutcome {
  zip: Buffer;
  summary: CachedSummary;
  cacheHit: boolean;
}

export async function convertCached(deps: CachedConversionDeps, request: CachedConversionRequest): Promise<ConversionOutcome> {
  if (!deps.cacheEnabled) return convertFresh(request);
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
  const outcome = await convertFresh(request);
  await deps.store.cache.set(key, { zip: outcome.zip, summary: outcome.summary });
  return outcome;
}

async function convertFresh(request: CachedConversionRequest): Promise<ConversionOutcome> {
  const { outputZip, result } = await request.convert();
  const zip = await readFile(outputZip);
  const summary: CachedSummary = {
    engine: result.engine,
    files: result.files,
    bytes: zip.length,
    sha256: sha256Hex(zip),
    counts: result.counts,
    warnings: result.warnings,
    durationMs: result.durationMs,
  };
  return { zip, summary, cacheHit: false };
}
