// POST /api/v1/convert: upload → validate + locate → run → stream the result zip.
// Each request lives in its own workspace, removed when the response is done, whatever happened:
// success, error, timeout or client disconnect (which also aborts the conversion).
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { Workspace } from '../../archive/types.ts';
import type { ConversionOptions } from '../../../common/contract/conversion-job.ts';
import { createPipeline } from '../../jobs/pipeline.ts';
import type { ConvertArchive, PipelineResult } from '../../jobs/pipeline.ts';
import type { RunResult } from '../../runner/types.ts';
import { AppError } from '../../errors.ts';
import type { ConversionResult } from '../../observability/metrics.ts';
import type { AppDeps, Clock } from '../deps.ts';
import { toAppError } from '../middleware/errors.ts';
import { contextOf } from '../middleware/request-context.ts';
import { fieldsFromQuery, parseOptions, resultFileName } from '../options.ts';
import { receiveUpload } from '../upload.ts';

type ConvertDeps = Pick<AppDeps, 'config' | 'archive' | 'runner' | 'metrics' | 'lifecycle' | 'engineStatus' | 'cache'> & { clock: Clock };

const ARCHIVE_CODES = new Set(['CORRUPT_ARCHIVE', 'UNSAFE_ARCHIVE', 'ARCHIVE_TOO_LARGE', 'TOO_MANY_ENTRIES', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_DOCC_ARCHIVE', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST']);

/** Refuses work before reading a byte when draining or when the runner's queue is already full. */
export function admissionError(deps: Pick<ConvertDeps, 'runner' | 'lifecycle' | 'config' | 'engineStatus'>): AppError | undefined {
  const retryAfterSeconds = deps.config.retryAfterSeconds;
  if (deps.lifecycle.draining) return new AppError('NOT_READY', 'The service is shutting down; retry shortly.', { retryAfterSeconds });
  if (!deps.engineStatus().available) return new AppError('NOT_READY', 'No conversion engine is available.', { retryAfterSeconds });
  const stats = deps.runner.stats();
  if (stats.inFlight + stats.queued >= stats.capacity + stats.queueLimit) {
    return new AppError('OVERLOADED', 'The service is busy; retry shortly.', { retryAfterSeconds });
  }
  return undefined;
}

/** A refused upload up to this size is read and discarded so its 503 reaches the client. */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Answering before the body is read and closing at once makes a client still writing its upload
 * see EPIPE/ECONNRESET instead of the 503. A body of a declared, modest size is drained so the
 * answer arrives and the connection stays usable; anything larger (or unsized) is cut off.
 */
function refuseEarly(req: Request, res: Response): void {
  const declared = Number(req.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared <= DRAIN_MAX_BYTES) {
    req.resume();
    return;
  }
  res.setHeader('Connection', 'close');
}

export function resultOf(error: AppError): ConversionResult {
  if (error.code === 'TIMED_OUT') return 'timeout';
  if (error.code === 'OVERLOADED' || error.code === 'NOT_READY') return 'overloaded';
  if (error.code === 'CONVERSION_FAILED') return 'failed';
  if (error.code === 'INTERNAL') return 'error';
  return 'rejected';
}

export function convertHandler(deps: ConvertDeps) {
  const pipeline = createPipeline({ archive: deps.archive, runner: deps.runner, limits: deps.config.limits });
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const refused = admissionError(deps);
    if (refused) {
      refuseEarly(req, res);
      return next(refused);
    }
    const abort = new AbortController();
    // Only a response that did not finish means the client went away (abort() is not free).
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    let workspace: Workspace | undefined;
    try {
      workspace = await deps.archive.createWorkspace();
      const ws = workspace;
      await convertInto(ws, req, res, { deps, pipeline, signal: abort.signal });
      // Removed once the last byte is sent or the client goes away, whichever comes first.
      if (res.closed) await ws.dispose();
      else res.once('close', () => void ws.dispose());
    } catch (error) {
      await workspace?.dispose();
      if (abort.signal.aborted) return recordCancelled(deps, res);
      const appError = toAppError(error);
      record(deps, appError);
      // The body may still be arriving: do not keep reading it on this connection.
      if (!req.complete) res.setHeader('Connection', 'close');
      next(appError);
    }
  };
}

/**
 * The client cancelled or disconnected (or its connection was closed at the end of the shutdown
 * grace): a normal outcome, not a bug. Nobody is left to answer; the socket is already gone.
 */
function recordCancelled(deps: ConvertDeps, res: Response): void {
  deps.metrics.conversions.inc({ result: 'cancelled', engine: deps.engineStatus().engine });
  contextOf(res).log.info('Cancelled conversion: the client closed the connection', { event: { outcome: 'unknown' } });
  res.destroy();
}

function record(deps: ConvertDeps, error: AppError): void {
  if (ARCHIVE_CODES.has(error.code)) deps.metrics.validationFailures.inc({ reason: error.code.toLowerCase() });
  const engine = deps.engineStatus().engine;
  deps.metrics.conversions.inc({ result: resultOf(error), engine });
}

interface ConvertContext {
  deps: ConvertDeps;
  pipeline: ConvertArchive;
  signal: AbortSignal;
}

async function convertInto(ws: Workspace, req: Request, res: Response, ctx: ConvertContext): Promise<void> {
  const { deps } = ctx;
  const zipPath = path.join(ws.dir, 'upload.zip');
  const upload = await receiveUpload(req, zipPath, deps.config.limits.maxUploadBytes);
  deps.metrics.archiveBytes.observe(upload.bytes);
  const options = parseOptions(new Map([...fieldsFromQuery(req.query as Record<string, unknown>), ...upload.fields]));
  const names = [upload.fileName];
  const convert = async (): Promise<PipelineResult> => {
    const converted = await runPipeline(ws, zipPath, options, { ...ctx, res, uploadBytes: upload.bytes });
    names.push(converted.archiveName);
    return converted;
  };
  if (!deps.cache) {
    const { outputZip, result } = await convert();
    return sendResult(res, outputZip, { name: resultFileName(names), result });
  }
  // Through the result cache: a hit replays the stored bytes without reading the archive or converting.
  const outcome = await deps.cache.convert({ zipPath, archiveSha256: upload.sha256, engine: deps.engineStatus().engine, options, convert });
  res.setHeader('X-Docc2context-Cache', outcome.cacheHit ? 'hit' : 'miss');
  if (outcome.cacheHit) {
    contextOf(res).log.info('Served cached result', { conversion: { engine: outcome.summary.engine, files: outcome.summary.files, bytes: outcome.summary.bytes, cacheHit: true } });
  }
  const meta = { name: resultFileName(names), result: outcome.summary };
  // Too large to cache: still on disk, streamed like an uncached result.
  if (outcome.zip === undefined) return sendResult(res, outcome.zipPath, meta);
  sendBuffer(res, outcome.zip, meta);
}

async function runPipeline(
  ws: Workspace,
  zipPath: string,
  options: ConversionOptions,
  ctx: ConvertContext & { res: Response; uploadBytes: number },
): Promise<PipelineResult> {
  const { deps, signal } = ctx;
  const started = deps.clock.now();
  let converted: PipelineResult;
  try {
    converted = await ctx.pipeline({ zipPath, workDir: ws.dir, options, signal, timeoutMs: deps.config.conversionTimeoutMs });
  } catch (error) {
    const appError = toAppError(error);
    // Archives refused before the engine started are counted as validation failures, not timed.
    if (!ARCHIVE_CODES.has(appError.code)) {
      const result = signal.aborted ? 'cancelled' : resultOf(appError);
      deps.metrics.conversionDuration.observe({ result, engine: deps.engineStatus().engine }, (deps.clock.now() - started) / 1000);
    }
    throw appError;
  }
  const { result } = converted;
  deps.metrics.conversions.inc({ result: 'success', engine: result.engine });
  deps.metrics.conversionDuration.observe({ result: 'success', engine: result.engine }, result.durationMs / 1000);
  deps.metrics.outputFiles.observe(result.files);
  deps.metrics.outputBytes.observe(result.bytes);
  contextOf(ctx.res).log.info('Converted archive', {
    event: { duration: Math.round(result.durationMs * 1e6) },
    conversion: { engine: result.engine, files: result.files, bytes: result.bytes, uploadBytes: ctx.uploadBytes, warnings: result.warnings.length },
  });
  return converted;
}

type ResultMeta = { name: string; result: Pick<RunResult, 'files' | 'engine' | 'durationMs' | 'counts' | 'warnings'> };

/** Pages written by kind as a structured-field dictionary: `symbols=3, articles=1, ...`. */
export function countsHeader(counts: RunResult['counts']): string {
  return (['symbols', 'articles', 'tutorials', 'volumes', 'chapters'] as const).map((kind) => `${kind}=${counts[kind]}`).join(', ');
}

function setResultHeaders(res: Response, size: number, meta: ResultMeta): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Length', String(size));
  res.setHeader('Content-Disposition', `attachment; filename="${meta.name}"`);
  res.setHeader('X-Docc2context-Files', String(meta.result.files));
  res.setHeader('X-Docc2context-Engine', meta.result.engine);
  res.setHeader('X-Docc2context-Duration-Ms', String(Math.round(meta.result.durationMs)));
  res.setHeader('X-Docc2context-Counts', countsHeader(meta.result.counts));
  // Pages skipped or degraded: the zip's warnings.json lists them when this is above 0.
  res.setHeader('X-Docc2context-Warnings', String(meta.result.warnings.length));
  res.setHeader('Cache-Control', 'no-store');
}

function sendBuffer(res: Response, zip: Buffer, meta: ResultMeta): void {
  setResultHeaders(res, zip.length, meta);
  res.end(zip);
}

async function sendResult(res: Response, outputZip: string, meta: ResultMeta): Promise<void> {
  const stream = fs.createReadStream(outputZip);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const size = (await fs.promises.stat(outputZip)).size;
  setResultHeaders(res, size, meta);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
