// Typed dispatch failures. Every way a call to the converter's job API can fail ends up as a
// DispatchError whose `permanent` flag decides whether the reconciler retries (transient) or
// fails the DocConversion at once (permanent, from PERMANENT_ERROR_CODES).
import { ERROR_CODES, PERMANENT_ERROR_CODES } from '../../common/contract/errors.ts';
import type { ErrorCode, ErrorBody } from '../../common/contract/errors.ts';
import type { JobError } from '../../common/contract/conversion-job.ts';

export interface DispatchErrorOptions {
  permanent?: boolean;
  status?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
  /** No answer at all: connection refused or reset, or the client's timeout. */
  noAnswer?: boolean;
}

export class DispatchError extends Error {
  readonly code: ErrorCode;
  readonly permanent: boolean;
  /** HTTP status of the converter's answer; absent for network failures. */
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly noAnswer: boolean;

  constructor(code: ErrorCode, message: string, options: DispatchErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'DispatchError';
    this.code = code;
    this.permanent = options.permanent ?? PERMANENT_ERROR_CODES.has(code);
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.noAnswer = options.noAnswer ?? false;
  }
}

export function isDispatchError(error: unknown): error is DispatchError {
  return error instanceof DispatchError;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Fallback code when the converter answered without a readable error body. */
function codeForStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'OVERLOADED';
  if (status === 504) return 'TIMED_OUT';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_REQUEST';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Maps a non-2xx answer of the job API to a typed error; the body is read defensively. */
export function errorFromResponse(status: number, body: unknown, retryAfter: string | null): DispatchError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  const code = isErrorCode(error?.code) ? error.code : codeForStatus(status);
  const message = typeof error?.message === 'string' ? error.message : `Converter answered HTTP ${status}`;
  // A 5xx is never the input's fault, whatever code it carries.
  const permanent = status < 500 && PERMANENT_ERROR_CODES.has(code);
  return new DispatchError(code, message, { status, permanent, retryAfterSeconds: parseRetryAfter(retryAfter) });
}

/** Maps a finished-but-failed job to a typed error, trusting the converter's own verdict. */
export function errorFromJob(error: JobError): DispatchError {
  const code = isErrorCode(error.code) ? error.code : 'INTERNAL';
  return new DispatchError(code, error.message, { permanent: error.permanent });
}

/** Network failures and client-side timeouts: the pool may be restarting, so retry. */
export function errorFromNetwork(cause: unknown, timedOut: boolean): DispatchError {
  return timedOut
    ? new DispatchError('TIMED_OUT', 'Converter did not answer in time', { permanent: false, cause, noAnswer: true })
    : new DispatchError('NOT_READY', 'Converter pool unreachable', { permanent: false, cause, noAnswer: true });
}
