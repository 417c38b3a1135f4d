// Shared helpers for the test server's own suite (and handy for other suites).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Status } from './errors.ts';

export const FIXTURE_CRDS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'widgets.yaml');
/** The Prometheus operator's ServiceMonitor CRD (trimmed), for the converter pool's tests. */
export const SERVICE_MONITOR_CRD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'servicemonitors.yaml');

/** The `Status` body of a failed client-node call (ApiException keeps it as text or an object). */
export function statusOf(error: unknown): Status {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'string') return JSON.parse(body) as Status;
  if (body && typeof body === 'object') return body as Status;
  throw new Error(`not an API error: ${String(error)}`, { cause: error });
}

/** Runs a call expected to fail and returns its Status body. */
export async function failure(call: () => Promise<unknown>): Promise<Status> {
  try {
    await call();
  } catch (error) {
    return statusOf(error);
  }
  throw new Error('expected the call to fail');
}
