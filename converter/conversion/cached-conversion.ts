// Conversion through the result cache, shared by POST /api/v1/convert and the job API. A hit
// replays the stored bytes without converting; on a miss one caller per cache key converts
// (a store lock) while identical callers wait for its result, so a burst of the same archive
// converts once. Waiting is bounded: past the deadline the waiter fails with TIMED_OUT.
// A fresh result is read into memory only when it is small enough to cache (CACHE_MAX_RESULT_BYTES);
// a larger one stays on disk and never goes to Redis. Either way its reader streams it
// (openResultZip): a fresh result from disk, a cache hit from the bytes the store answered.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ConversionOptions, ConversionResult, EngineName } from '../../common/contract/conversion-job.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { cacheKey, sha256Hex } from '../store/cache-key.ts';
import type { Store } from '../store/types.ts';
import type { PipelineOutput } from './pipeline.ts';

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
  now: Clock;
  sleep: (ms: number) => Promise<void>;
  onLookup?: (result: 'hit' | 'miss') => void;
}

export interface CachedConversionRequest {
  archiveSha256: string;
  engine: EngineName;
  options: ConversionOptions;
  /** Runs the real conversion; called only on a miss, by the one caller holding the lock. */
  convert: () => Promise<PipelineOutput>;
}

/**
 * The result zip: on disk in the workspace (a fresh conversion; its bytes also in memory when
 * small enough to cache), or only in memory (a cache hit).
 */
export type ResultZip = { zipPath: string; zip?: Buffer } | { zipPath?: undefined; zip: Buffer };

/** A result zip, the result of the conversion that made it, and whether the cache answered. */
export type ConvertedZip = ResultZip & {
  result: ConversionResult;
  cacheHit: boolean;
};

/** Chunks handed to a stream from a result in memory: the reader's backpressure applies as for a file. */
const STREAM_CHUNK_BYTES = 64 * 1024;

function* chunksOf(zip: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < zip.length; offset += STREAM_CHUNK_BYTES) yield zip.subarray(offset, offset + STREAM_CHUNK_BYTES);
}

/** The result zip as a stream: from disk when it is there, else from the cached bytes; the same for every reader. */
export function openResultZip(resultZip: ResultZip): Readable {
  return resultZip.zipPath === undefined ? Readable.from(chunksOf(resultZip.zip)) : createReadStream(resultZip.zipPath);
}

/** The bytes of a result, read from disk when they are not in memory (callers check the size first). */
export function resultBytes(resultZip: ResultZip): Promise<Buffer> {
  if (resultZip.zipPath === undefined || resultZip.zip !== undefined) return Promise.resolve(resultZip.zip as Buffer);
  return readFile(resultZip.zipPath);
}

export async function convertCached(deps: CachedConversionDeps, request: CachedConversionRequest): Promise<ConvertedZip> {
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

async function lookup(deps: CachedConversionDeps, key: string, countMiss: boolean): Promise<ConvertedZip | undefined> {
  const cached = await deps.store.cache.get(key);
  if (cached) {
    deps.onLookup?.('hit');
    return { zip: cached.zip, result: cached.result, cacheHit: true };
  }
  if (countMiss) deps.onLookup?.('miss');
  return undefined;
}

async function convertAndStore(deps: CachedConversionDeps, key: string, request: CachedConversionRequest): Promise<ConvertedZip> {
  const outcome = await convertFresh(request, deps.cacheMaxBytes);
  if (outcome.zip !== undefined) await deps.store.cache.set(key, { zip: outcome.zip, result: outcome.result });
  return outcome;
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs the conversion; reads the zip into memory only when it is at most `holdMaxBytes`. */
async function convertFresh(request: CachedConversionRequest, holdMaxBytes: number): Promise<ConvertedZip> {
  const { outputZip, result } = await request.convert();
  const { size } = await stat(outputZip);
  const zip = size <= holdMaxBytes ? await readFile(outputZip) : undefined;
  const sha256 = zip === undefined ? await sha256File(outputZip) : sha256Hex(zip);
  const { engine, files, counts, warnings, durationMs } = result;
  return { zipPath: outputZip, zip, result: { engine, files, bytes: size, sha256, counts, warnings, durationMs }, cacheHit: false };
}
