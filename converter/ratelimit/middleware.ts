// Express middleware enforcing the per-client limit through the store's shared limiter (GCRA
// in Redis, per-pod memory while Redis is degraded). Every answer carries RateLimit-Limit,
// -Remaining and -Reset; a refusal is 429 RATE_LIMITED with Retry-After, counted in metrics
// and logged once per client per window (not per request, so a flood does not flood the logs).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Counter } from 'prom-client';
import type { Logger } from '../../common/logger.ts';
import { AppError } from '../errors.ts';
import type { RateLimiter } from '../store/types.ts';
import { clientKeyResolver } from './client-key.ts';
import type { RateLimitConfig } from './config.ts';
import type { Clock } from '../clock.ts';
import { LOG } from '../../common/log-fields.ts';

export interface RateLimitDeps {
  limiter: RateLimiter;
  config: RateLimitConfig;
  /** Bounded label for metrics and logs, e.g. "convert" or "conversions". */
  scope: string;
  logger: Logger;
  rateLimited?: Counter<'scope'>;
  now?: Clock;
}

const LOGGED_CLIENTS_MAX = 10_000;

export function createRateLimitMiddleware(deps: RateLimitDeps): RequestHandler {
  const { config } = deps;
  if (!config.enabled) return (_req, _res, next) => next();
  const rule = { limit: config.limit, windowMs: config.windowMs };
  const resolveClient = clientKeyResolver(config);
  const now = deps.now ?? Date.now;
  const loggedUntil = new Map<string, number>();
  const policy = `${rule.limit};w=${Math.round(rule.windowMs / 1000)}`;

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const client = resolveClient(req);
    const decision = await deps.limiter.consume(`${deps.scope}:${client.key}`, rule);
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
    if (decision.allowed) return next();
    deps.rateLimited?.inc({ scope: deps.scope });
    if ((loggedUntil.get(client.key) ?? 0) <= now()) {
      if (loggedUntil.size >= LOGGED_CLIENTS_MAX) loggedUntil.clear();
      loggedUntil.set(client.key, now() + rule.windowMs);
      deps.logger.warn('Refused requests over the rate limit', {
        [LOG.eventAction]: 'rate-limited',
        ...(client.kind === 'ip' ? { [LOG.clientIp]: req.ip } : { [LOG.clientKind]: 'api-key' }),
        [LOG.rateLimitScope]: deps.scope,
        [LOG.rateLimitLimit]: rule.limit,
        [LOG.rateLimitWindowSeconds]: rule.windowMs / 1000,
      });
    }
    // Keep-alive would make us read a body we refuse; close after the answer.
    res.setHeader('Connection', 'close');
    next(
      new AppError('RATE_LIMITED', `Too many requests; retry after ${decision.retryAfterSeconds} s`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      }),
    );
  };
}
