// Whether this pod takes new work, decided before a byte of it is read: the same rule for
// POST /api/v1/convert and the job API.
import { AppError } from '../errors.ts';
import type { ConversionRunner } from '../runner/types.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { EngineStatus } from './types.ts';

export interface AdmissionDeps {
  config: { retryAfterSeconds: number };
  lifecycle: Pick<Lifecycle, 'draining'>;
  engineStatus: () => EngineStatus;
  runner: Pick<ConversionRunner, 'stats'>;
}

/** Refuses work when draining, when no engine is available, or when the runner's queue is already full. */
export function admissionError(deps: AdmissionDeps): AppError | undefined {
  const retryAfterSeconds = deps.config.retryAfterSeconds;
  if (deps.lifecycle.draining) return new AppError('NOT_READY', 'The service is shutting down; retry shortly.', { retryAfterSeconds });
  if (!deps.engineStatus().available) return new AppError('NOT_READY', 'No conversion engine is available.', { retryAfterSeconds });
  const stats = deps.runner.stats();
  if (stats.inFlight + stats.queued >= stats.capacity + stats.queueLimit) {
    return new AppError('OVERLOADED', 'The service is busy; retry shortly.', { retryAfterSeconds });
  }
  return undefined;
}
