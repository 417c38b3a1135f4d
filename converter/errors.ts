// The converter's one error catalogue: every failure a client can see is an AppError with a
// stable code (common/contract/errors.ts), an HTTP status and a safe message. Anything else
// becomes INTERNAL (500) with the detail only in logs. Documented in docs/errors.md.
import type { ErrorCode } from '../common/contract/errors.ts';
import { PERMANENT_ERROR_CODES } from '../common/contract/errors.ts';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  CORRUPT_ARCHIVE: 400,
  UNSAFE_ARCHIVE: 400,
  PAYLOAD_TOO_LARGE: 413,
  ARCHIVE_TOO_LARGE: 413,
  TOO_MANY_ENTRIES: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_DOCC_ARCHIVE: 422,
  CONVERSION_FAILED: 422,
  SOURCE_FORBIDDEN: 422,
  SOURCE_UNREACHABLE: 502,
  CHECKSUM_MISMATCH: 422,
  OUTPUT_TOO_LARGE: 413,
  OUTPUT_UPLOAD_FAILED: 502,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  NOT_READY: 503,
  TIMED_OUT: 504,
  INTERNAL: 500,
};

export interface AppErrorOptions {
  /** Seconds after which a retry may succeed (429, 503). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfterSeconds?: number;

  /** `message` is shown to clients: never put paths, stderr or stack text in it. */
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = HTTP_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get permanent(): boolean {
    return PERMANENT_ERROR_CODES.has(this.code);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
