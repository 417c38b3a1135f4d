// Listening and draining: binds the app, and on shutdown turns /readyz and new conversions to 503
// at once while still listening for `shutdownDelayMs` (so the Service's endpoints drop the pod
// before connections are refused), then stops accepting connections, lets in-flight requests
// finish within the grace period (counted from the signal), answers what is still queued or
// running with 503 (`beforeForcedClose`), forces the remaining connections closed and runs the
// closers (runner, logger...).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from '../../common/logger.ts';
import type { Lifecycle } from '../conversion/lifecycle.ts';
import { delay } from '../../common/delay.ts';
import { LOG, nanoseconds } from '../../common/log-fields.ts';

export interface ServerOptions {
  app: Express;
  host: string;
  port: number;
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  /** Time the listener stays open after the signal (readiness already 503); capped by the grace. */
  shutdownDelayMs?: number;
  /** Runs when the grace is over, before connections are forced closed: fail queued work with 503. */
  beforeForcedClose?: () => Promise<void>;
  lifecycle: Lifecycle;
  logger: Logger;
  /** Run after the HTTP server has closed, in order, each given the time left of the grace period; the logger's last. */
  closers: Array<(remainingMs: number) => Promise<void>>;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Idempotent: every call returns the same drain. */
  shutdown(reason: string): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = http.createServer(options.app);
  server.requestTimeout = options.requestTimeoutMs;
  server.headersTimeout = Math.min(60_000, options.requestTimeoutMs);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info('Started listening', { [LOG.serverAddress]: options.host, [LOG.serverPort]: port });
  let drain: Promise<void> | undefined;
  return {
    server,
    port,
    shutdown: (reason) => (drain ??= shutdown(server, options, reason)),
  };
}

async function shutdown(server: http.Server, options: ServerOptions, reason: string): Promise<void> {
  const started = Date.now();
  const delayMs = Math.min(options.shutdownDelayMs ?? 0, options.shutdownGraceMs);
  options.lifecycle.startDraining(started);
  options.logger.info('Started draining', {
    [LOG.eventReason]: reason,
    [LOG.shutdownGraceMs]: options.shutdownGraceMs,
    [LOG.shutdownDelayMs]: delayMs,
  });
  if (delayMs > 0) await delay(delayMs);
  const closed = stopListening(server);
  // Logged only after the listening socket is gone (never before, as 'Started draining' is): a
  // client that sees this line and connects is refused (ECONNREFUSED), never accepted and reset.
  options.logger.info('Stopped listening');
  server.closeIdleConnections();
  // Keep-alive connections that turn idle after their last response are closed as they do.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const timer = setTimeout(() => void forceClose(server, options), Math.max(0, options.shutdownGraceMs - (Date.now() - started)));
  await closed;
  clearInterval(idleSweep);
  clearTimeout(timer);
  options.logger.info('Closed HTTP server', { [LOG.eventDuration]: nanoseconds(Date.now() - started) });
  for (const close of options.closers) {
    await close(Math.max(0, options.shutdownGraceMs - (Date.now() - started))).catch((error: unknown) => {
      options.logger.error('Failed to close a component', { [LOG.error]: error });
    });
  }
}

/**
 * Closes the listening socket now (libuv closes its descriptor synchronously, so the kernel
 * refuses the next connection); the promise settles once the last open connection has ended.
 */
function stopListening(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if (server.listening) throw new Error('The listening socket is still open after close()');
  return closed;
}

/** Grace over: queued and running work is answered 503 (when the hook does so), then sockets close. */
async function forceClose(server: http.Server, options: ServerOptions): Promise<void> {
  await options
    .beforeForcedClose?.()
    .catch((error: unknown) => options.logger.error('Failed to close a component', { [LOG.error]: error }));
  // Give those 503 answers a moment to leave before the sockets go.
  await delay(200);
  options.logger.warn('Forced connections closed after the grace period', { [LOG.shutdownGraceMs]: options.shutdownGraceMs });
  server.closeAllConnections();
}
