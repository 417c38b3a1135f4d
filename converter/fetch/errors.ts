// Maps failures of outbound HTTP to the catalogue. Messages are safe for clients: they never
// carry addresses resolved inside the cluster or raw socket errors.
import { AppError, isAppError } from '../errors.ts';
import { ForbiddenAddressError, ForbiddenSchemeError } from './guarded-http.ts';

export function isForbidden(error: unknown): boolean {
  return error instanceof ForbiddenAddressError || error instanceof ForbiddenSchemeError;
}

/** For a download: forbidden → SOURCE_FORBIDDEN, anything else → SOURCE_UNREACHABLE. */
export function downloadError(error: unknown, signal: AbortSignal): AppError {
  if (isAppError(error)) return error;
  if (isForbidden(error)) {
    return new AppError('SOURCE_FORBIDDEN', 'The source URL points to an address this service may not reach', { cause: error });
  }
  const message = isTimeout(signal) ? 'The source download timed out' : 'The source could not be downloaded';
  return new AppError('SOURCE_UNREACHABLE', message, { cause: error });
}

export function isTimeout(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
}
