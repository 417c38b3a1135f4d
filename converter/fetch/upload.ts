// HTTP PUT of a result zip to a job's output URL (e.g. a presigned object-storage URL), under
// the same address policy as downloads. 5xx answers and network errors are retried with
// exponential backoff; other answers fail at once.
import { delay } from '../../common/delay.ts';
import { AppError, isAppError } from '../errors.ts';
import { isForbidden } from './errors.ts';
import type { GuardedHttp } from './guarded-http.ts';

export interface UploadPolicy {
  maxBytes: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  backoffMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A failure worth another attempt (5xx or a network error). */
class RetryableUploadError extends Error {}

export async function upload(http: GuardedHttp, url: string, zip: Buffer, policy: UploadPolicy): Promise<void> {
  if (zip.length > policy.maxBytes) {
    throw new AppError('OUTPUT_TOO_LARGE', `The result is larger than the ${policy.maxBytes}-byte upload cap`);
  }
  const sleep = policy.sleep ?? delay;
  let lastError: unknown;
  for (let attempt = 0; attempt <= policy.retries; attempt += 1) {
    if (attempt > 0) await sleep(policy.backoffMs * 2 ** (attempt - 1));
    try {
      return await putOnce(http, new URL(url), zip, policy.timeoutMs);
    } catch (error) {
      if (!(error instanceof RetryableUploadError)) throw uploadError(error);
      lastError = error;
    }
  }
  throw new AppError('OUTPUT_UPLOAD_FAILED', `The result upload failed after ${policy.retries + 1} attempts`, { cause: lastError });
}

async function putOnce(http: GuardedHttp, url: URL, zip: Buffer, timeoutMs: number): Promise<void> {
  const headers = { 'content-type': 'application/zip', 'content-length': String(zip.length) };
  let status: number;
  try {
    const response = await http.request(url, { method: 'PUT', headers, body: zip, signal: AbortSignal.timeout(timeoutMs) });
    response.resume();
    status = response.statusCode ?? 0;
  } catch (error) {
    if (isForbidden(error)) throw error;
    throw new RetryableUploadError('network error', { cause: error });
  }
  if (status >= 200 && status < 300) return;
  if (status >= 500) throw new RetryableUploadError(`HTTP ${status}`);
  throw new AppError('OUTPUT_UPLOAD_FAILED', `The output URL answered HTTP ${status}`);
}

function uploadError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isForbidden(error)) {
    return new AppError('SOURCE_FORBIDDEN', 'The output URL points to an address this service may not reach', { cause: error });
  }
  return new AppError('OUTPUT_UPLOAD_FAILED', 'The result upload failed', { cause: error });
}
