// The converter's Express app factory: no listen, no globals. Everything it touches arrives in
// `deps`; converter/app/ wires the real ones, tests pass fakes or real pieces as they need.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import { monotonicClock } from '../clock.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { requestContext } from './middleware/request-context.ts';
import { cors, securityHeaders } from './middleware/security.ts';
import { convertHandler } from './routes/convert.ts';
import { healthRouter } from './routes/health.ts';
import { vendorRouter } from './routes/vendor.ts';

export const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

const passThrough: RequestHandler = (_req, _res, next) => next();

export function buildApp(deps: AppDeps): Express {
  const now = deps.now ?? monotonicClock;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestContext({ logger: deps.logger, metrics: deps.metrics, now }));
  app.use(securityHeaders());
  app.use(cors(deps.config.corsOrigins));
  app.use(healthRouter(deps));
  app.post('/api/v1/convert', deps.rateLimiter ?? passThrough, convertHandler({ ...deps, now }));
  for (const mounted of deps.routers ?? []) app.use(mounted.path, mounted.router);
  app.use(vendorRouter());
  app.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: '5m', fallthrough: true }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
