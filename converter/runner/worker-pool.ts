// A pool of worker threads running one task each, behind Slots (bounded queue, OVERLOADED when
// full). A task that times out or is aborted has its worker terminated and replaced, so no
// worker is ever left busy with abandoned work. Workers start lazily and are reused.
import { Worker } from 'node:worker_threads';
import { outOfMemory, shuttingDown, timedOut, unexpectedFailure } from './failures.ts';
import { DurationAverage, estimateRetryAfterSeconds } from './retry-after.ts';
import { abortReason, Slots } from './slots.ts';
import type { RunnerStats } from './types.ts';
import { TaskError } from './worker-protocol.ts';
import type { ResultMessage } from './worker-protocol.ts';

export interface WorkerPoolOptions {
  /** A module that calls serveTasks(); a `.ts` file runs through Node's type stripping. */
  workerUrl: URL;
  size: number;
  queueLimit: number;
  /** Start all workers now instead of on first use. */
  warm?: boolean;
  /** Heap cap of each worker thread; a conversion that exceeds it fails alone, not the pod. */
  maxHeapMb?: number;
  /** Called whenever a worker thread is thrown away mid-task (for the restarts metric). */
  onWorkerLost?: (reason: WorkerLossReason) => void;
}

/** Why a busy worker was replaced. */
export type WorkerLossReason = 'out_of_memory' | 'crash' | 'timeout' | 'aborted';

export interface TaskOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

interface Job {
  id: number;
  settle: (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
}

const INITIAL_AVERAGE_MS = 5_000;

/** A young generation of 1/16 of the old one, between 8 and 64 MiB. */
function youngGenerationMb(maxHeapMb: number): number {
  return Math.min(64, Math.max(8, Math.floor(maxHeapMb / 16)));
}

function isOutOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

export class WorkerPool<T, R> {
  private readonly options: WorkerPoolOptions;
  private readonly slots: Slots;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly average = new DurationAverage(INITIAL_AVERAGE_MS);
  private nextId = 1;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
    this.slots = new Slots({
      capacity: options.size,
      queueLimit: options.queueLimit,
      retryAfterSeconds: () => estimateRetryAfterSeconds(this.loadSnapshot(), this.average.ms),
    });
    if (options.warm) for (let index = 0; index < options.size; index += 1) this.idle.push(this.spawn());
  }

  get workers(): number {
    return this.idle.length + this.busy.size;
  }

  stats(): RunnerStats {
    return { ...this.loadSnapshot(), queueLimit: this.options.queueLimit };
  }

  async run(task: T, options: TaskOptions): Promise<R> {
    const release = await this.slots.acquire(options.signal);
    const started = performance.now();
    try {
      const result = await this.execute(task, options);
      this.average.record(performance.now() - started);
      return result;
    } finally {
      release();
    }
  }

  /** Refuses new tasks, lets running and queued ones finish within graceMs, then terminates all. */
  async close(graceMs: number): Promise<void> {
    this.slots.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.slots.whenIdle(), graceOver]);
    clearTimeout(timer);
    const error = shuttingDown();
    this.slots.rejectQueued(error);
    const all = [...this.idle.splice(0), ...this.busy.keys()];
    for (const job of this.busy.values()) job.settle({ ok: false, error });
    this.busy.clear();
    await Promise.all(all.map((worker) => worker.terminate()));
  }

  private loadSnapshot(): { inFlight: number; queued: number; capacity: number } {
    return { inFlight: this.slots.inFlight, queued: this.slots.queued, capacity: this.options.size };
  }

  private spawn(): Worker {
    const { maxHeapMb } = this.options;
    // The young generation is capped too: by default it grows with the old one's size.
    const resourceLimits =
      maxHeapMb === undefined ? undefined : { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: youngGenerationMb(maxHeapMb) };
    const worker = new Worker(this.options.workerUrl, { resourceLimits });
    worker.on('message', (message: ResultMessage<R>) => this.onMessage(worker, message));
    worker.on('error', (error) => this.onFailure(worker, error));
    worker.on('exit', (code) => this.onFailure(worker, new Error(`Worker exited with code ${code}`)));
    return worker;
  }

  private onMessage(worker: Worker, message: ResultMessage<R>): void {
    const job = this.busy.get(worker);
    if (job === undefined || job.id !== message.id) return;
    this.busy.delete(worker);
    this.idle.push(worker);
    job.settle(message.ok ? { ok: true, value: message.result } : { ok: false, error: new TaskError(message.error) });
  }

  /** A worker died (crash, exit, load error): fail its job and forget it; the next task spawns anew. */
  private onFailure(worker: Worker, error: Error): void {
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    const job = this.busy.get(worker);
    if (job === undefined) return;
    this.busy.delete(worker);
    const oom = isOutOfMemory(error);
    this.options.onWorkerLost?.(oom ? 'out_of_memory' : 'crash');
    job.settle({ ok: false, error: oom ? outOfMemory(this.options.maxHeapMb) : unexpectedFailure(error) });
  }

  private async discard(worker: Worker): Promise<void> {
    this.busy.delete(worker);
    worker.removeAllListeners('exit');
    await worker.terminate();
  }

  private execute(task: T, options: TaskOptions): Promise<R> {
    const worker = this.idle.pop() ?? this.spawn();
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const onAbort = (): void => void this.stop(worker, abortReason(options.signal as AbortSignal), 'aborted');
      const settle: Job['settle'] = (outcome) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (outcome.ok) resolve(outcome.value as R);
        else reject(outcome.error);
      };
      this.busy.set(worker, { id, settle });
      const timer = setTimeout(() => void this.stop(worker, timedOut(options.timeoutMs), 'timeout'), options.timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ id, task });
      if (options.signal?.aborted) onAbort();
    });
  }

  /** Terminates a busy worker and fails its job once the thread is gone, so the slot is truly free. */
  private async stop(worker: Worker, error: unknown, reason: WorkerLossReason): Promise<void> {
    const job = this.busy.get(worker);
    if (job === undefined) return;
    this.options.onWorkerLost?.(reason);
    await this.discard(worker);
    job.settle({ ok: false, error });
  }
}
