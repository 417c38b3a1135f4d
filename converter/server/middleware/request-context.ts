// Per-request context: the request id (from a valid X-Request-ID or generated), a child logger
// with fixed keys, and one access-log line plus HTTP metrics when the response is done.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../../common/logger.ts';
import type { ConverterMetrics } from '../../observability/metrics.ts';
import type { Clock } from '../../clock.ts';
import { LOG } from '../../../common/log-fields.ts';

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

/** The route template, never the raw path: bounded label values for metrics ("/" of a mounted router adds nothing). */
export function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  const template = `${req.baseUrl}${route.path}`;
  return template.length > 1 ? template.replace(/\/+$/, '') : template;
}

type FinishDeps = { metrics: ConverterMetrics; now: Clock };

export function requestContext(deps: { logger: Logger } & FinishDeps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(req.get('x-request-id'));
    const ctx: RequestContext = {
      requestId,
      log: deps.logger.child({ [LOG.traceId]: requestId }),
      startedAt: deps.now(),
    };
    res.locals.ctx = ctx;
    res.setHeader('X-Request-Id', requestId);
    let finished = false;
    const once = (aborted: boolean): void => {
      if (finished) return;
      finished = true;
      finish(req, res, ctx, { ...deps, aborted });
    };
    // Counted before the last byte leaves, so a client that reads /metrics right after its
    // response always sees that response counted; a response never ended was aborted.
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      once(false);
      return end(...args);
    }) as Response['end'];
    res.once('close', () => once(!res.writableFinished));
    next();
  };
}

function queryOf(req: Request): string | undefined {
  const index = req.originalUrl.indexOf('?');
  return index < 0 ? undefined : req.originalUrl.slice(index + 1);
}

/** The optional ECS fields of an access line: body size, query, user agent. */
function optionalFields(req: Request, res: Response): { bodyBytes?: number; query?: string; userAgent?: string } {
  const bodyBytes = Number(res.getHeader('content-length'));
  const userAgent = req.get('user-agent');
  return {
    ...(Number.isFinite(bodyBytes) && { bodyBytes }),
    query: queryOf(req),
    ...(userAgent !== undefined && { userAgent }),
  };
}

function outcomeOf(status: number, aborted: boolean): 'success' | 'failure' | 'unknown' {
  if (aborted) return 'unknown';
  return status >= 400 ? 'failure' : 'success';
}

function finish(req: Request, res: Response, ctx: RequestContext, deps: FinishDeps & { aborted: boolean }): void {
  const seconds = (deps.now() - ctx.startedAt) / 1000;
  const status = deps.aborted ? 499 : res.statusCode;
  const labels = { route: routeLabel(req), method: req.method, status: String(status) };
  deps.metrics.httpRequests.inc(labels);
  deps.metrics.httpDuration.observe(labels, seconds);
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  const { bodyBytes, query, userAgent } = optionalFields(req, res);
  ctx.log.log(level, deps.aborted ? 'Aborted request' : 'Handled request', {
    [LOG.httpRequestId]: ctx.requestId,
    [LOG.httpRequestMethod]: req.method,
    [LOG.httpResponseStatusCode]: status,
    ...(bodyBytes !== undefined && { [LOG.httpResponseBodyBytes]: bodyBytes }),
    // The real path (a mounted router's req.path is relative to its mount point).
    [LOG.urlPath]: req.originalUrl.split('?')[0],
    ...(query !== undefined && { [LOG.urlQuery]: query }),
    [LOG.clientIp]: req.ip,
    ...(userAgent !== undefined && { [LOG.userAgent]: userAgent }),
    [LOG.eventDuration]: Math.round(seconds * 1e9),
    [LOG.eventOutcome]: outcomeOf(status, deps.aborted),
    [LOG.route]: labels.route,
    ...(ctx.errorCode ? { [LOG.errorCode]: ctx.errorCode } : {}),
  });
}
