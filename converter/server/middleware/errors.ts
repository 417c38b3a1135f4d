// One error shape for every endpoint: {"error":{"code","message","requestId"}} from the catalogue
// (converter/errors.ts). Unknown errors are bugs: 500 INTERNAL with the detail only in the log.
import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '../../../common/contract/errors.ts';
import { AppError, isAppError } from '../../errors.ts';
import { contextOf } from './request-context.ts';
import { LOG } from '../../../common/log-fields.ts';

const INTERNAL_MESSAGE = 'An internal error occurred; it has been logged.';

/** Maps anything thrown to the AppError a client may see (body-parser style errors included). */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 400) return new AppError('BAD_REQUEST', 'The request is malformed.');
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  return new AppError('INTERNAL', INTERNAL_MESSAGE, { cause: error });
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return { error: { code: error.code, message: error.message, requestId } };
}

export function sendError(res: Response, error: AppError): void {
  const ctx = contextOf(res);
  ctx.errorCode = error.code;
  if (res.headersSent) {
    // The result was already streaming: the only honest signal left is a broken connection.
    res.destroy();
    return;
  }
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json(errorBody(error, ctx.requestId));
}

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', 'No such endpoint.'));
}

export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') {
    contextOf(res).log.error('Failed with an unexpected error', { [LOG.error]: appError.cause ?? error });
  }
  sendError(res, appError);
}
