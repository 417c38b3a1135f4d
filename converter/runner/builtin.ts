// The `builtin` engine: the TypeScript engine in a pool of worker threads, so conversions use
// every core the pod has and never block the event loop.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConversionOptions } from '../../common/contract/conversion-job.ts';
import { siblingModule } from '../../common/sibling-module.ts';
import { resolveOptions } from '../../common/contract/conversion-job.ts';
import type { EngineOptions, EngineSummary, ZipRefusal } from '../engine/api.ts';
import { AppError, isAppError } from '../errors.ts';
import type { EngineTask } from './engine-worker.ts';
import { unexpectedFailure } from './failures.ts';
import { sanitizeMessage } from './sanitize.ts';
import type { PathAlias } from './sanitize.ts';
import type { ConversionRunner, RunRequest, RunResult } from './types.ts';
import { WorkerPool } from './worker-pool.ts';
import type { WorkerLossReason } from './worker-pool.ts';
import { TaskError } from './worker-protocol.ts';

export interface BuiltinRunnerOptions {
  concurrency: number;
  queueLimit: number;
  /** The worker module; the engine worker unless a test injects another. */
  workerUrl?: URL;
  /** Start every worker thread now rather than on first use. */
  warm?: boolean;
  /** Heap cap of each worker thread in MiB (Node's default when omitted). */
  maxHeapMb?: number;
  /** Uncompressed output of one conversion; passing it fails the conversion with OUTPUT_TOO_LARGE. */
  maxOutputBytes?: number;
  onWorkerLost?: (reason: WorkerLossReason) => void;
}

export interface BuiltinRunner extends ConversionRunner {
  /** Worker threads alive now (for the pool-size metric). */
  workers(): number;
}

export const ENGINE_WORKER_URL = siblingModule(import.meta.url, 'engine-worker');

export function toEngineOptions(options: ConversionOptions): EngineOptions {
  return resolveOptions(options);
}

function aliasesFor(request: RunRequest): PathAlias[] {
  // A zip's messages read "<zip>/<path in the archive>": shown as "<archive name>/<path>", as for a directory.
  const alias = request.input.kind === 'zip' ? archiveName(request.input.plan.root) : path.basename(request.input.path);
  return [
    { path: request.input.path, alias },
    { path: request.outputZip, alias: 'output.zip' },
    { path: path.dirname(request.outputZip), alias: 'workspace' },
  ];
}

/**
 * A zip read in place that the engine refuses carries the archive rules' own code (the same rules
 * inspection applies, converter/archive), so the answer never depends on which engine a pod runs.
 * The engine's message names local paths: the client gets one fixed text per code instead.
 */
const ZIP_REFUSALS: Readonly<Record<Exclude<ZipRefusal, 'output-too-large'>, string>> = {
  CORRUPT_ARCHIVE: 'The zip is corrupt: an entry does not match its declared size or checksum.',
  ARCHIVE_TOO_LARGE: 'The zip inflates beyond its declared sizes or the size cap (MAX_DECOMPRESSED_SIZE_MB, MAX_COMPRESSION_RATIO).',
  TOO_MANY_ENTRIES: 'The zip has more entries than allowed.',
  UNSAFE_ARCHIVE: 'The zip contains an unsafe entry.',
  NOT_DOCC_ARCHIVE: 'The zip does not contain a DocC archive.',
  UNSUPPORTED_MEDIA_TYPE: 'The upload is not a zip archive.',
  PAYLOAD_TOO_LARGE: 'The upload exceeds the size limit.',
  BAD_REQUEST: 'The uploaded file is empty.',
};

function zipRefusalError(reason: string | undefined, cause: unknown): AppError | undefined {
  if (reason === undefined || !Object.hasOwn(ZIP_REFUSALS, reason)) return undefined;
  const code = reason as keyof typeof ZIP_REFUSALS;
  return new AppError(code, ZIP_REFUSALS[code], { cause });
}

function archiveName(root: string): string {
  return root === '' ? 'archive' : path.posix.basename(root);
}

/** EngineError → CONVERSION_FAILED with a safe message; catalogue errors pass; the rest is INTERNAL. */
export function mapEngineFailure(error: unknown, aliases: readonly PathAlias[]): unknown {
  if (isAppError(error)) return error;
  if (error instanceof TaskError && error.errorName === 'EngineError') {
    if (error.reason === 'output-too-large') return new AppError('OUTPUT_TOO_LARGE', error.message, { cause: error });
    const refusal = zipRefusalError(error.reason, error);
    if (refusal) return refusal;
    return new AppError('CONVERSION_FAILED', sanitizeMessage(error.message, aliases), { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return error;
  return unexpectedFailure(error);
}

/**
 * A worker terminated mid-conversion cannot clean up: remove the output zip and the engine's
 * staging siblings (`.<name>.partial-*`, `.<name>.old-*`) next to it.
 */
export async function removePartialOutput(outputZip: string): Promise<void> {
  const directory = path.dirname(outputZip);
  const prefix = `.${path.basename(outputZip)}.`;
  const names = await readdir(directory).catch(() => [] as string[]);
  const leftovers = names.filter((name) => name.startsWith(prefix)).map((name) => path.join(directory, name));
  await Promise.all([outputZip, ...leftovers].map((file) => rm(file, { recursive: true, force: true })));
}

/**
 * Parsing JSON cannot be interrupted: a page whose parse outgrows the worker's heap takes the whole
 * process down, not just the worker. A page's objects take several times its JSON, so a page may
 * have a sixteenth of the heap (28 MiB of a 454 MiB heap; real pages stay under 1 MiB).
 */
export function maxPageBytesFor(maxHeapMb: number): number {
  return Math.floor((maxHeapMb * 1024 * 1024) / 16);
}

export function createBuiltinRunner(options: BuiltinRunnerOptions): BuiltinRunner {
  const pool = new WorkerPool<EngineTask, EngineSummary>({
    workerUrl: options.workerUrl ?? ENGINE_WORKER_URL,
    size: options.concurrency,
    queueLimit: options.queueLimit,
    warm: options.warm,
    maxHeapMb: options.maxHeapMb,
    onWorkerLost: options.onWorkerLost,
  });

  async function run(request: RunRequest): Promise<RunResult> {
    const started = performance.now();
    const aliases = aliasesFor(request);
    const task: EngineTask = {
      inputPath: request.input.path,
      outputPath: request.outputZip,
      force: true,
      options: toEngineOptions(request.options),
      warningsFile: { aliases },
      ...(options.maxOutputBytes !== undefined && { maxOutputBytes: options.maxOutputBytes }),
      ...(options.maxHeapMb !== undefined && { maxPageBytes: maxPageBytesFor(options.maxHeapMb) }),
      ...(request.input.kind === 'zip' && { zipInput: request.input.plan }),
    };
    let summary: EngineSummary;
    try {
      summary = await pool.run(task, { timeoutMs: request.timeoutMs, signal: request.signal });
    } catch (error) {
      await removePartialOutput(request.outputZip);
      throw mapEngineFailure(error, aliases);
    }
    const { size } = await stat(request.outputZip);
    return {
      engine: 'builtin',
      counts: summary.counts,
      files: summary.filesWritten,
      bytes: size,
      warnings: summary.warnings.map((warning) => sanitizeMessage(warning, aliases)),
      durationMs: performance.now() - started,
    };
  }

  return {
    engine: 'builtin',
    inputKind: () => 'zip',
    run,
    stats: () => pool.stats(),
    close: (graceMs = 0) => pool.close(graceMs),
    workers: () => pool.workers,
  };
}
