// The worker loop of a controller, after controller-runtime's reconcileHandler: N workers take
// keys from the queue, one key per worker; the reconcile outcome decides what happens next:
//   - resolves with nothing        → success: forget the key's backoff
//   - resolves { requeueAfter: ms } → forget, then add the key again after ms
//   - resolves { requeue: true }   → add again through the rate limiter (backoff)
//   - throws                        → log once, add again through the rate limiter
// (no terminal error: decide() turns permanent failures into a Failed status instead of throwing)
import type { Logger } from '../../common/logger.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { WorkQueue } from './workqueue.ts';
import { LOG } from '../../common/log-fields.ts';

export interface ReconcileResult {
  requeue?: boolean;
  requeueAfterMs?: number;
}

export type Reconcile<K> = (key: K) => Promise<ReconcileResult | void>;

export type ReconcileOutcome = 'success' | 'error' | 'requeue' | 'requeue_after';

/** What the worker loop reports; operator/metrics.ts implements it with controller_runtime_*. */
export interface ControllerMetrics {
  setMaxConcurrentReconciles(workers: number): void;
  activeWorkersChanged(delta: 1 | -1): void;
  reconciled(outcome: ReconcileOutcome, seconds: number): void;
  /** A reconcile threw (controller-runtime's reconcile_errors_total). */
  reconcileError(): void;
}

export const noopControllerMetrics: ControllerMetrics = Object.freeze({
  setMaxConcurrentReconciles() {},
  activeWorkersChanged() {},
  reconciled() {},
  reconcileError() {},
});

export interface WorkersDeps<K> {
  queue: WorkQueue<K>;
  reconcile: Reconcile<K>;
  logger: Logger;
  metrics?: ControllerMetrics;
  /** Times each reconcile (systemClock by default). */
  clock?: Clock;
}

/** Runs `workers` loops until the queue shuts down; resolves when every loop has returned. */
export async function runWorkers<K>(deps: WorkersDeps<K>, workers: number): Promise<void> {
  const metrics = deps.metrics ?? noopControllerMetrics;
  metrics.setMaxConcurrentReconciles(workers);
  const loops = Array.from({ length: workers }, () => workerLoop(deps, metrics));
  await Promise.all(loops);
}

async function workerLoop<K>(deps: WorkersDeps<K>, metrics: ControllerMetrics): Promise<void> {
  for (;;) {
    const next = await deps.queue.get();
    if (next.shutdown) return;
    metrics.activeWorkersChanged(1);
    try {
      await processKey(deps, metrics, next.item);
    } finally {
      deps.queue.done(next.item);
      metrics.activeWorkersChanged(-1);
    }
  }
}

async function processKey<K>(deps: WorkersDeps<K>, metrics: ControllerMetrics, key: K): Promise<void> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const elapsed = (): number => (clock.now() - started) / 1000;
  try {
    const result = (await deps.reconcile(key)) ?? {};
    const outcome = requeueAs(result);
    if (outcome === 'requeue') deps.queue.addRateLimited(key);
    else deps.queue.forget(key);
    if (outcome === 'requeue_after') deps.queue.addAfter(key, result.requeueAfterMs ?? 0);
    metrics.reconciled(outcome, elapsed());
  } catch (error) {
    metrics.reconcileError();
    metrics.reconciled('error', elapsed());
    deps.logger.error('Failed to reconcile', { [LOG.reconcileKey]: String(key), [LOG.error]: error });
    deps.queue.addRateLimited(key);
  }
}

function requeueAs(result: ReconcileResult): ReconcileOutcome {
  if ((result.requeueAfterMs ?? 0) > 0) return 'requeue_after';
  return result.requeue ? 'requeue' : 'success';
}
