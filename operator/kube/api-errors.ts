// Classifies errors of Kubernetes API calls: not found, conflicts (requeue quietly) and the rest.
import { ApiException } from '@kubernetes/client-node/dist/gen/apis/exception.js';

export function statusCodeOf(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const fields = error as { code?: unknown; statusCode?: unknown } | undefined;
  const code = fields?.statusCode ?? fields?.code;
  return typeof code === 'number' ? code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

export function isConflict(error: unknown): boolean {
  return statusCodeOf(error) === 409;
}

/** A write lost an optimistic-concurrency race; the reconciler requeues without logging an error. */
export class ConflictError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`Conflict writing ${what}`, options);
    this.name = 'ConflictError';
  }
}

export function isConflictError(error: unknown): error is ConflictError {
  return error instanceof ConflictError;
}
