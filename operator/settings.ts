// From the parsed configuration to the runtime's settings: the tuning the configuration does
// not expose gets its production value here, in one place.
import type { OperatorConfig } from './config.ts';
import { derive } from './pool/derived.ts';
import { serviceUrl } from './pool/service.ts';
import type { RuntimeSettings } from './runtime.ts';

/** Retry backoff like a Job's: 10 s doubling, capped at 6 min. */
export const RETRY_BASE_MS = 10_000;
export const RETRY_MAX_MS = 360_000;
/** How often a running job is polled when the pool answered 202. */
export const POLL_INTERVAL_MS = 1000;
/** A dispatch answered this fast (a cache hit) skips the Running status write. */
export const FAST_PATH_MS = 250;
export const REQUEST_TIMEOUT_MS = 10_000;
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;
export const INFORMER_BACKOFF = { initialMs: 1000, maxMs: 60_000 };

/** The in-cluster Service of the converter pool, when CONVERTER_URL is not set. */
export function defaultConverterUrl(namespace: string, poolName = 'docc2context-converter'): string {
  return serviceUrl({ name: poolName, namespace });
}

export function runtimeSettings(config: Readonly<OperatorConfig>): RuntimeSettings {
  const election = config.leaderElection;
  return {
    converterUrl: config.converterUrl ?? defaultConverterUrl(config.namespace, config.poolName),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxResultBytes: MAX_RESULT_BYTES,
    identity: election.identity,
    controller: {
      namespaces: config.watchNamespaces,
      workers: config.maxConcurrentReconciles,
      maxConcurrentDispatches: config.dispatchConcurrency,
      pollIntervalMs: POLL_INTERVAL_MS,
      fastPathMs: FAST_PATH_MS,
      policy: { retryBaseMs: RETRY_BASE_MS, retryMaxMs: RETRY_MAX_MS, finalizerTimeoutMs: config.finalizerTimeoutSeconds * 1000 },
      informerBackoff: INFORMER_BACKOFF,
      workQueue: config.workQueue,
      defaultRetainTtlSeconds: config.defaultRetainTtlSeconds,
    },
    pool: config.pool ? { config: config.pool, conversionsPerPod: derive(config.pool).conversionsPerPod } : undefined,
    leaderElection: election.enabled
      ? {
          namespace: election.namespace,
          name: election.name,
          identity: election.identity,
          leaseDurationMs: election.leaseDurationMs,
          renewDeadlineMs: election.renewDeadlineMs,
          retryPeriodMs: election.retryPeriodMs,
          releaseOnStop: election.releaseOnStop,
        }
      : undefined,
  };
}
