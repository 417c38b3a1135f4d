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
  const message = isTimeout(signal) ? 'The source download timed out' : `The source could not be downloaded: ${networkCause(error)}`;
  return new AppError('SOURCE_UNREACHABLE', message, { cause: error });
}

const CAUSES: ReadonlyArray<{ codes: RegExp; text: string }> = [
  { codes: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, text: 'the host name could not be resolved (DNS)' },
  { codes: /^ECONNREFUSED$/, text: 'the connection was refused' },
  { codes: /^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, text: 'the connection was reset' },
  { codes: /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, text: 'connecting timed out' },
  { codes: /^(EHOSTUNREACH|ENETUNREACH)$/, text: 'the host is unreachable' },
  { codes: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/, text: 'the TLS certificate was not accepted' },
];

/**
 * The kind of network failure, worded for the job's error (and so the DocConversion's condition):
 * from the error code only, never the raw text, which may name addresses inside the cluster.
 */
export function networkCause(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code ?? '');
  return CAUSES.find((cause) => cause.codes.test(code))?.text ?? 'the connection failed';
}

export function isTimeout(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
}
