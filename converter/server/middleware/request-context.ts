// Per-request context: the request id (from a valid X-Request-ID or generated), a child logger
// with fixed keys, and one access-log line plus HTTP metrics when the response is done.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../../common/logger.ts';
import type { ConverterMetrics } from '../../observability/metrics.ts';
import type { Clock } from '../deps.ts';

export interface RequestContext {
  requestId: string;
  log: Logger;
  startedAt: number;
  /** Set by the error handler so the access line carries `error.code`. */
  errorCode?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : randomUUID();
}

export function contextOf(res: Response): RequestContext {
  return res.locals.ctx as RequestContext;
}

/** The route template, never the raw path: bounded label values for metrics. */
export function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'unmatched';
}

export function requestContext(deps: { logger: Logger; metrics: ConverterMetrics; clock: Clock }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(req.get('x-request-id'));
    const ctx: RequestContext = {
      requestId,
      log: deps.logger.child({ 'trace.id': requestId, 'http.request.id': requestId }),
      startedAt: deps.clock.now(),
    };
    res.locals.ctx = ctx;
    res.setHeader('X-Request-Id', requestId);
    res.once('close', () => finish(req, res, ctx, deps));
    next();
  };
}

function finish(req: Request, res: Response, ctx: RequestContext, deps: { metrics: ConverterMetrics; clock: Clock }): void {
  const seconds = (deps.clock.now() - ctx.startedAt) / 1000;
  const aborted = !res.writableFinished;
  const status = aborted ? 499 : res.statusCode;
  const labels = { route: routeLabel(req), method: req.method, status: String(status) };
  deps.metrics.httpRequests.inc(labels);
  deps.metrics.httpDuration.observe(labels, seconds);
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  ctx.log.log(level, aborted ? 'Aborted request' : 'Handled request', {
    http: { request: { method: req.method }, response: { status_code: status } },
    url: { path: req.path },
    event: { duration: Math.round(seconds * 1e9) },
    ...(ctx.errorCode ? { error: { code: ctx.errorCode } } : {}),
  });
}
