// POST /api/v1/convert: upload → validate + locate → run → stream the result zip.
// Each request lives in its own workspace, removed when the response is done, whatever happened:
// success, error, timeout or client disconnect (which also aborts the conversion).
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { Workspace } from '../../archive/types.ts';
import type { ConversionOptions } from '../../../common/contract/conversion-job.ts';
import { isValidationError } from '../../../common/contract/errors.ts';
import type { Clock } from '../../clock.ts';
import { admissionError } from '../../conversion/admission.ts';
import { openResultZip, type ResultZip } from '../../conversion/cached-conversion.ts';
import { createPipeline } from '../../conversion/pipeline.ts';
import type { ConvertArchive, PipelineOutput } from '../../conversion/pipeline.ts';
import type { RunResult } from '../../runner/types.ts';
import type { AppError } from '../../errors.ts';
import type { ConversionResultLabel } from '../../observability/metrics.ts';
import type { AppDeps } from '../deps.ts';
import { toAppError } from '../middleware/errors.ts';
import { contextOf } from '../middleware/request-context.ts';
import { fieldsFromQuery, parseOptions, resultFileName } from '../options.ts';
import { receiveUpload } from '../upload.ts';
import { LOG, nanoseconds } from '../../../common/log-fields.ts';

type ConvertDeps = Pick<AppDeps, 'config' | 'archive' | 'runner' | 'metrics' | 'lifecycle' | 'engineStatus' | 'cache'> & { now: Clock };

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

export function resultOf(error: AppError): ConversionResultLabel {
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
  contextOf(res).log.info('Cancelled conversion: the client closed the connection', { [LOG.eventOutcome]: 'unknown' });
  res.destroy();
}

function record(deps: ConvertDeps, error: AppError): void {
  if (isValidationError(error.code)) deps.metrics.validationFailures.inc({ reason: error.code.toLowerCase() });
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
  const convert = async (): Promise<PipelineOutput> => {
    const converted = await runPipeline(ws, zipPath, options, { ...ctx, res, uploadBytes: upload.bytes });
    names.push(converted.archiveName);
    return converted;
  };
  if (!deps.cache) {
    const { outputZip, result } = await convert();
    return sendResult(res, { zipPath: outputZip }, { name: resultFileName(names), result });
  }
  // Through the result cache: a hit replays the stored bytes without reading the archive or converting.
  const converted = await deps.cache.convert({
    zipPath,
    archiveSha256: upload.sha256,
    engine: deps.engineStatus().engine,
    options,
    convert,
  });
  res.setHeader('X-Docc2context-Cache', converted.cacheHit ? 'hit' : 'miss');
  const { result } = converted;
  if (converted.cacheHit) {
    contextOf(res).log.info('Served cached result', {
      [LOG.conversionEngine]: result.engine,
      [LOG.conversionFiles]: result.files,
      [LOG.conversionBytes]: result.bytes,
      [LOG.conversionCacheHit]: true,
    });
  }
  // A hit is streamed from the stored bytes, a fresh result from disk: the same path either way.
  return sendResult(res, converted, { name: resultFileName(names), result });
}

async function runPipeline(
  ws: Workspace,
  zipPath: string,
  options: ConversionOptions,
  ctx: ConvertContext & { res: Response; uploadBytes: number },
): Promise<PipelineOutput> {
  const { deps, signal } = ctx;
  const started = deps.now();
  let converted: PipelineOutput;
  try {
    converted = await ctx.pipeline({ zipPath, workDir: ws.dir, options, signal, timeoutMs: deps.config.conversionTimeoutMs });
  } catch (error) {
    const appError = toAppError(error);
    // Archives refused before the engine started are counted as validation failures, not timed.
    if (!isValidationError(appError.code)) {
      const result = signal.aborted ? 'cancelled' : resultOf(appError);
      deps.metrics.conversionDuration.observe({ result, engine: deps.engineStatus().engine }, (deps.now() - started) / 1000);
    }
    throw appError;
  }
  const { result } = converted;
  deps.metrics.conversions.inc({ result: 'success', engine: result.engine });
  deps.metrics.conversionDuration.observe({ result: 'success', engine: result.engine }, result.durationMs / 1000);
  deps.metrics.outputFiles.observe(result.files);
  deps.metrics.outputBytes.observe(result.bytes);
  contextOf(ctx.res).log.info('Converted archive', {
    [LOG.eventDuration]: nanoseconds(result.durationMs),
    [LOG.conversionEngine]: result.engine,
    [LOG.conversionFiles]: result.files,
    [LOG.conversionBytes]: result.bytes,
    [LOG.conversionUploadBytes]: ctx.uploadBytes,
    [LOG.conversionWarnings]: result.warnings.length,
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

async function sizeOf(resultZip: ResultZip): Promise<number> {
  return resultZip.zipPath === undefined ? resultZip.zip.length : (await fs.promises.stat(resultZip.zipPath)).size;
}

/** Streams the result zip, from disk or from the cached bytes, with the reader's backpressure. */
async function sendResult(res: Response, resultZip: ResultZip, meta: ResultMeta): Promise<void> {
  const stream = openResultZip(resultZip);
  if (resultZip.zipPath !== undefined) {
    // A file that cannot be opened fails the request before any header is sent.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  }
  setResultHeaders(res, await sizeOf(resultZip), meta);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
