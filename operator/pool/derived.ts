// Numbers the pool derives from its configuration (contract §1): converter workers from the CPU
// limit, the queue behind them, and the shutdown timings, so a pod stopping gets to finish (or
// hand back) what it holds before the kubelet kills it.
import type { PoolConfig } from './config.ts';
import { wholeCores } from './quantity.ts';

export const CONVERTER_PORT = 8080;
export const WORKSPACE_PATH = '/workspace';
/** preStop wait: endpoints and kube-proxy drop the pod before it gets SIGTERM. */
export const PRE_STOP_SECONDS = 5;
/** Beyond the longest conversion: draining connections and handing back jobs. */
export const DRAIN_SECONDS = 10;
/** Margin between the converter's own grace and the kubelet's SIGKILL. */
export const KILL_MARGIN_SECONDS = 5;

export interface PoolDerived {
  /** Converter WORKERS: conversions one pod runs at once (= dispatch capacity per ready pod). */
  workers: number;
  queueSize: number;
  /**
   * Conversions the operator keeps on one ready pod: one running per worker and one waiting
   * behind each, so a worker starts its next conversion the moment one ends instead of idling
   * through the operator's round trip (status write, next dispatch). Half of QUEUE_SIZE: the
   * other half stays free for uploads to the pod's web page and API.
   */
  conversionsPerPod: number;
  shutdownGraceSeconds: number;
  terminationGracePeriodSeconds: number;
}

export function derive(config: Pick<PoolConfig, 'resources' | 'conversionTimeoutSeconds'>): PoolDerived {
  const workers = wholeCores(config.resources.cpuLimit);
  const shutdownGraceSeconds = config.conversionTimeoutSeconds + DRAIN_SECONDS;
  return {
    workers,
    queueSize: 2 * workers,
    conversionsPerPod: 2 * workers,
    shutdownGraceSeconds,
    terminationGracePeriodSeconds: PRE_STOP_SECONDS + shutdownGraceSeconds + KILL_MARGIN_SECONDS,
  };
}
