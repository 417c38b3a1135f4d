// Runs one job from source to delivered output and answers its final status. Never throws:
// every failure becomes a `failed` status with a catalogue code and a permanent flag, and the
// cause goes to the log only.
import path from 'node:path';
import type { ConversionJobRequest, ConversionJobStatus, EngineName } from '../../common/contract/conversion-job.ts';
import type { Logger } from '../../common/logger.ts';
import type { Workspace } from '../archive/types.ts';
import { AppError, isAppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import { convertCached, resultBytes } from '../conversion/cached-conversion.ts';
import type { CachedConversionDeps } from '../conversion/cached-conversion.ts';
import type { ConvertArchive } from '../conversion/pipeline.ts';
import { deliver } from './outputs.ts';
import type { OutputDeps } from './outputs.ts';
import { fetchSource } from './sources.ts';
import type { SourceDeps } from './sources.ts';
import { LOG, nanoseconds } from '../../common/log-fields.ts';

export interface RunJobDeps {
  createWorkspace: () => Promise<Workspace>;
  convert: ConvertArchive;
  engine: () => EngineName;
  conversionTimeoutMs: number;
  cache: CachedConversionDeps;
  sources: SourceDeps;
  outputs: OutputDeps;
  logger: Logger;
  now: Clock;
}

export async function runJob(deps: RunJobDeps, request: ConversionJobRequest, startedAt: number): Promise<ConversionJobStatus> {
  const base = { id: request.id, startedAt: new Date(startedAt).toISOString() };
  const log = deps.logger.child({ [LOG.jobId]: request.id });
  try {
    const status = await convertAndDeliver(deps, request, startedAt);
    log.info('Finished conversion job', {
      [LOG.eventDuration]: nanoseconds(status.durationMs ?? 0),
      [LOG.conversionFiles]: status.files,
      [LOG.conversionBytes]: status.bytes,
      [LOG.conversionCacheHit]: status.cacheHit,
      [LOG.conversionLocationKind]: status.location?.kind,
    });
    return { ...base, ...status };
  } catch (error) {
    const appError = isAppError(error)
      ? error
      : new AppError('INTERNAL', 'The job failed unexpectedly; it has been logged.', { cause: error });
    const level = appError.code === 'INTERNAL' ? 'error' : 'warn';
    // The AppError itself: the formatter writes its code, message and stack, and the cause's stack.
    log.log(level, 'Failed conversion job', { [LOG.error]: appError });
    return {
      ...base,
      state: 'failed',
      error: { code: appError.code, message: appError.message, permanent: appError.permanent },
      finishedAt: new Date(deps.now()).toISOString(),
    };
  }
}

async function convertAndDeliver(
  deps: RunJobDeps,
  request: ConversionJobRequest,
  startedAt: number,
): Promise<Omit<ConversionJobStatus, 'id' | 'startedAt'>> {
  const workspace = await deps.createWorkspace();
  try {
    const zipPath = path.join(workspace.dir, 'source.zip');
    const source = await fetchSource(deps.sources, request.source, zipPath);
    const options = request.options ?? {};
    const timeoutMs = Math.min(deps.conversionTimeoutMs, (request.timeoutSeconds ?? Infinity) * 1000);
    const converted = await convertCached(deps.cache, {
      archiveSha256: source.sha256,
      engine: deps.engine(),
      options,
      convert: () => deps.convert({ zipPath, workDir: workspace.dir, options, timeoutMs }),
    });
    const { result } = converted;
    const location = await deliver(deps.outputs, request, { size: result.bytes, read: () => resultBytes(converted) });
    const finishedAt = deps.now();
    return {
      state: 'succeeded',
      files: result.files,
      bytes: result.bytes,
      sha256: result.sha256,
      cacheHit: converted.cacheHit,
      engine: result.engine,
      // The job's own time, fetch and delivery included (a cache hit's conversion took none).
      durationMs: Math.round(finishedAt - startedAt),
      counts: result.counts,
      warnings: result.warnings,
      location,
      finishedAt: new Date(finishedAt).toISOString(),
    };
  } finally {
    await workspace.dispose();
  }
}
