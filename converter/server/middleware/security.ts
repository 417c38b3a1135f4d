// Security headers on every response (strict CSP: the web page uses only its own JS/CSS files)
// and CORS for the configured origins only — never a wildcard, never credentials.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'X-Docc2context-Files',
  'X-Docc2context-Engine',
  'X-Docc2context-Duration-Ms',
  'X-Docc2context-Warnings',
  'X-Docc2context-Cache',
  'X-Docc2context-Counts',
  'Content-Disposition',
  'Retry-After',
];

export function securityHeaders(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    // req.secure honours X-Forwarded-Proto only from proxies trusted by TRUST_PROXY.
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
      // Cross-origin resources are fine for allowed origins.
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    if (req.method !== 'OPTIONS' || req.get('access-control-request-method') === undefined) {
      next();
      return;
    }
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Request-ID');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
