// The runner's client-facing errors, worded once.
import { AppError } from '../errors.ts';

export function timedOut(timeoutMs: number): AppError {
  return new AppError('TIMED_OUT', `The conversion did not finish within ${Math.ceil(timeoutMs / 1000)} s.`);
}

export function shuttingDown(): AppError {
  return new AppError('NOT_READY', 'The converter is shutting down.');
}

export function unexpectedFailure(cause: unknown): AppError {
  return new AppError('INTERNAL', 'The conversion failed unexpectedly.', { cause });
}
