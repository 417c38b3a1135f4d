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

/** A worker thread ran out of its heap: the input needs more memory than one conversion may use. */
export function outOfMemory(maxHeapMb: number | undefined): AppError {
  const cap = maxHeapMb === undefined ? 'the memory' : `the ${maxHeapMb} MiB of memory`;
  return new AppError('CONVERSION_FAILED', `The conversion needed more than ${cap} one conversion may use (WORKER_MAX_HEAP_MB).`);
}
