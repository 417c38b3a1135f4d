// The job API used by the operator: POST /api/v1/conversions (create or attach, idempotent by
// id), GET /:id (status), GET /:id/result.zip (retained result, from any replica), DELETE /:id.
// Errors go to the app's error handler (one JSON shape); mount under /api/v1/conversions.
import express, { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import { createJobRequestValidator } from './schema.ts';
import type { JobService } from './service.ts';

export interface ConversionsRouterDeps {
  service: JobService;
  /** Decoded cap of inline sources; the JSON body limit is derived from it. */
  inlineMaxBytes: number;
  /** Applied to POST before the body is read (rate limiting). */
  rateLimit?: RequestHandler;
  /** True once the pod drains: every job request is answered 503 NOT_READY (contract §7). */
  draining?: () => boolean;
  /** While the shared store is degraded, "not found" may be wrong: answer 503, never 404. */
  storeHealth?: () => 'up' | 'degraded';
  retryAfterSeconds?: number;
}

export const CONVERSIONS_PATH = '/api/v1/conversions';

const passThrough: RequestHandler = (_req, _res, next) => next();

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No conversion job with this id');
}

/** NOT_FOUND only when the store could be asked; while it is degraded the job may well exist. */
function missing(deps: ConversionsRouterDeps, found: AppError): AppError {
  if (deps.storeHealth?.() !== 'degraded') return found;
  return new AppError('NOT_READY', 'The job store is unreachable; retry shortly.', { retryAfterSeconds: deps.retryAfterSeconds ?? 5 });
}

/** A result blob that did not move in time is a retry-later, not a missing result. */
function unavailableAsNotReady(deps: ConversionsRouterDeps): (error: unknown) => never {
  return (error: unknown) => {
    if (!(error instanceof StoreUnavailableError)) throw error;
    throw new AppError('NOT_READY', 'The job store did not answer in time; retry shortly.', {
      retryAfterSeconds: deps.retryAfterSeconds ?? 5,
    });
  };
}

function idOf(req: Request): string {
  return String(req.params.id);
}

export function createConversionsRouter(deps: ConversionsRouterDeps): Router {
  const router = Router();
  const validate = createJobRequestValidator();
  // base64 grows 4/3; leave room for the rest of the JSON.
  const json = express.json({ limit: Math.ceil((deps.inlineMaxBytes * 4) / 3) + 64 * 1024, strict: true });

  router.use((_req, _res, next) => {
    if (!deps.draining?.()) return next();
    next(
      new AppError('NOT_READY', 'The converter is shutting down; retry on another replica.', {
        retryAfterSeconds: deps.retryAfterSeconds ?? 5,
      }),
    );
  });

  router.post('/', deps.rateLimit ?? passThrough, json, async (req: Request, res: Response) => {
    if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the job as application/json');
    const status = await deps.service.submit(validate(req.body));
    res.setHeader('Cache-Control', 'no-store');
    res.status(status.state === 'running' ? 202 : 200).json(status);
  });

  router.get('/:id', async (req: Request, res: Response) => {
    const status = await deps.service.status(idOf(req));
    if (status === undefined) throw missing(deps, notFound());
    res.setHeader('Cache-Control', 'no-store');
    res.json(status);
  });

  router.get('/:id/result.zip', async (req: Request, res: Response) => {
    const zip = await deps.service.result(idOf(req)).catch(unavailableAsNotReady(deps));
    if (zip === undefined)
      throw missing(deps, new AppError('NOT_FOUND', 'No retained result for this job (expired, deleted or not retained)'));
    const fileName = `${idOf(req).replace(/[^A-Za-z0-9._-]/g, '_')}.zip`;
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Length', String(zip.length));
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(zip);
  });

  router.delete('/:id', async (req: Request, res: Response) => {
    if (!(await deps.service.delete(idOf(req)))) throw notFound();
    res.status(204).end();
  });

  return router;
}
