// Delivers a job's result zip where the request asked: retained in the store for a TTL (served by
// any replica), PUT to a URL, or returned inline (size-capped). Answers where the result is.
import type { JobOutput, ResultLocation } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';
import type { GuardedHttp } from '../fetch/guarded-http.ts';
import { upload } from '../fetch/upload.ts';
import type { UploadPolicy } from '../fetch/upload.ts';
import type { RetainedResults } from '../store/types.ts';
import type { JobsConfig } from './config.ts';

export interface OutputDeps {
  results: RetainedResults;
  http: GuardedHttp;
  uploadPolicy: UploadPolicy;
  config: Pick<JobsConfig, 'retainDefaultTtlSeconds' | 'retainMaxTtlSeconds' | 'returnMaxBytes'>;
  now: () => number;
}

export function resultPath(jobId: string): string {
  return `/api/v1/conversions/${encodeURIComponent(jobId)}/result.zip`;
}

/** The output URL without its query or credentials: presigned signatures never reach a status. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export async function deliver(deps: OutputDeps, job: { id: string; output?: JobOutput }, zip: Buffer): Promise<ResultLocation> {
  const output = job.output ?? { retain: {} };
  if ('url' in output) {
    await upload(deps.http, output.url, zip, deps.uploadPolicy);
    return { kind: 'url', url: redactUrl(output.url) };
  }
  if ('return' in output) {
    if (zip.length > deps.config.returnMaxBytes) {
      throw new AppError('OUTPUT_TOO_LARGE', `Inline results are limited to ${deps.config.returnMaxBytes} bytes; use retain or url`);
    }
    return { kind: 'inline', zipBase64: zip.toString('base64') };
  }
  const ttlSeconds = Math.min(output.retain.ttlSeconds ?? deps.config.retainDefaultTtlSeconds, deps.config.retainMaxTtlSeconds);
  await deps.results.put(job.id, zip, ttlSeconds * 1000);
  return { kind: 'retained', path: resultPath(job.id), expiresAt: new Date(deps.now() + ttlSeconds * 1000).toISOString() };
}
