// Delivers a job's result zip where the request asked: retained in the store for a TTL (served by
// any replica), PUT to a URL, or returned inline (size-capped). Answers where the result is.
import type { JobOutput, ResultLocation } from '../../common/contract/conversion-job.ts';
import { redactUrl } from '../../common/redact-url.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { GuardedHttp } from '../fetch/guarded-http.ts';
import { upload } from '../fetch/upload.ts';
import type { UploadPolicy } from '../fetch/upload.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import type { RetainedResults } from '../store/types.ts';
import type { JobsConfig } from './config.ts';

export interface OutputDeps {
  results: RetainedResults;
  http: GuardedHttp;
  uploadPolicy: UploadPolicy;
  config: Pick<JobsConfig, 'retainDefaultTtlSeconds' | 'retainMaxTtlSeconds' | 'returnMaxBytes' | 'retainMaxBytes'>;
  now: Clock;
}

export function resultPath(jobId: string): string {
  return `/api/v1/conversions/${encodeURIComponent(jobId)}/result.zip`;
}

/** A result to deliver: its size, and its bytes read only once the size has passed the output's cap. */
export interface Deliverable {
  size: number;
  read(): Promise<Buffer>;
}

export async function deliver(deps: OutputDeps, job: { id: string; output?: JobOutput }, result: Deliverable): Promise<ResultLocation> {
  const output = job.output ?? { retain: {} };
  if ('url' in output) {
    if (result.size > deps.uploadPolicy.maxBytes)
      throw tooLarge('Results uploaded to a URL', deps.uploadPolicy.maxBytes, 'OUTPUT_UPLOAD_MAX_BYTES');
    await upload(deps.http, output.url, await result.read(), deps.uploadPolicy);
    return { kind: 'url', url: redactUrl(output.url) };
  }
  if ('return' in output) {
    if (result.size > deps.config.returnMaxBytes)
      throw tooLarge('Inline results', deps.config.returnMaxBytes, 'JOB_RETURN_MAX_BYTES', 'use retain or url');
    return { kind: 'inline', zipBase64: (await result.read()).toString('base64') };
  }
  // Retained results live in Redis, where a large value stalls every command behind it.
  if (result.size > deps.config.retainMaxBytes)
    throw tooLarge('Retained results', deps.config.retainMaxBytes, 'RESULT_MAX_BYTES', 'use url');
  const zip = await result.read();
  const ttlSeconds = Math.min(output.retain.ttlSeconds ?? deps.config.retainDefaultTtlSeconds, deps.config.retainMaxTtlSeconds);
  await retain(deps, job.id, zip, ttlSeconds);
  return { kind: 'retained', path: resultPath(job.id), expiresAt: new Date(deps.now() + ttlSeconds * 1000).toISOString() };
}

/** A blob write that outlasts its own time budget fails this delivery, transiently: never a bug (INTERNAL). */
async function retain(deps: OutputDeps, jobId: string, zip: Buffer, ttlSeconds: number): Promise<void> {
  try {
    await deps.results.put(jobId, zip, ttlSeconds * 1000);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    const message = 'The result could not be stored in time (REDIS_BULK_COMMAND_TIMEOUT_MS); retry, or deliver it with output.url';
    throw new AppError('OUTPUT_UPLOAD_FAILED', message, { cause: error });
  }
}

function tooLarge(what: string, maxBytes: number, setting: string, hint?: string): AppError {
  const message = `${what} are limited to ${maxBytes} bytes (${setting})${hint === undefined ? '' : `; ${hint}`}`;
  return new AppError('OUTPUT_TOO_LARGE', message);
}
