// The job API's behaviour behind the routes: idempotent by id across replicas. A job runs once
// under a store lock (renewed while it runs, so a crashed pod's job is taken over after the
// lock's TTL); repeats of the id attach to it, wait a bounded time, and answer its status.
// Successes and permanent failures are final; a transient failure may run again on a retry.
import { setTimeout as delay } from 'node:timers/promises';
import type { ConversionJobRequest, ConversionJobStatus } from '../../common/contract/conversion-job.ts';
import type { Logger } from '../../common/logger.ts';
import { wallClock, type Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { JobRecord, Lock, Store } from '../store/types.ts';
import type { JobsConfig } from './config.ts';
import type { JobMetrics } from './metrics.ts';
import { requestHash } from './request-hash.ts';
import { runJob } from './run-job.ts';
import type { RunJobDeps } from './run-job.ts';
import { LOG } from '../../common/log-fields.ts';

export interface JobServiceDeps {
  store: Store;
  config: JobsConfig;
  run: RunJobDeps;
  logger: Logger;
  /** Refuses new work (draining, queue full) before a job is created. */
  admission?: () => AppError | undefined;
  metrics?: JobMetrics;
  now?: Clock;
}

type Attachment =
  | { kind: 'final'; status: ConversionJobStatus }
  | { kind: 'local'; promise: Promise<ConversionJobStatus> }
  | { kind: 'elsewhere'; status?: ConversionJobStatus };

export function isFinal(status: ConversionJobStatus): boolean {
  return status.state === 'succeeded' || (status.state === 'failed' && status.error?.permanent !== false);
}

export class JobService {
  private readonly deps: JobServiceDeps;
  private readonly now: Clock;
  private readonly running = new Map<
    string,
    { promise: Promise<ConversionJobStatus>; status: ConversionJobStatus; hash: string; lock: Lock }
  >();
  private readonly discarded = new Set<string>();
  /** Jobs given up at shutdown: their record and lock are gone, so their end must not write one. */
  private readonly handedBack = new Set<string>();

  constructor(deps: JobServiceDeps) {
    this.deps = deps;
    this.now = deps.now ?? wallClock;
  }

  /** Creates or attaches to the job; answers once it is final or the sync wait is over. */
  async submit(request: ConversionJobRequest): Promise<ConversionJobStatus> {
    assertInlineSize(request, this.deps.config.inlineMaxBytes);
    const hash = requestHash(request);
    const deadline = this.now() + this.deps.config.syncWaitMs;
    for (;;) {
      const attached = await this.attach(request, hash);
      if (attached.kind === 'final') return attached.status;
      if (attached.kind === 'local') return this.waitLocal(request.id, attached.promise, deadline);
      if (this.now() >= deadline)
        return attached.status ?? { id: request.id, state: 'running', startedAt: new Date(this.now()).toISOString() };
      await delay(Math.min(this.deps.config.pollMs, Math.max(1, deadline - this.now())));
    }
  }

  async status(id: string): Promise<ConversionJobStatus | undefined> {
    return this.running.get(id)?.status ?? (await this.deps.store.jobs.get(id))?.status;
  }

  result(id: string): Promise<Buffer | undefined> {
    return this.deps.store.results.get(id);
  }

  /** Removes the job and its retained result; a job still running here is discarded when done. */
  async delete(id: string): Promise<boolean> {
    const local = this.running.has(id);
    if (local) this.discarded.add(id);
    const [result, record] = await Promise.all([this.deps.store.results.delete(id), this.deps.store.jobs.delete(id)]);
    return local || result || record;
  }

  /**
   * Graceful shutdown (contract §7): waits up to `graceMs` for the jobs running on this pod, then
   * hands back the rest — deletes their record and lock, so the same id POSTed again runs anew on
   * any pod — and logs which jobs finished and which were handed back.
   */
  async close(graceMs: number): Promise<void> {
    const ids = [...this.running.keys()];
    const all = Promise.allSettled([...this.running.values()].map((job) => job.promise));
    const controller = new AbortController();
    await Promise.race([all, delay(graceMs, undefined, { signal: controller.signal }).catch(() => undefined)]);
    controller.abort();
    const unfinished = [...this.running.entries()];
    for (const [id] of unfinished) this.handedBack.add(id);
    await Promise.allSettled(unfinished.flatMap(([id, job]) => [this.deps.store.jobs.delete(id), this.deps.store.locks.release(job.lock)]));
    if (ids.length > 0) {
      const handedBack = unfinished.map(([id]) => id);
      const finished = ids.filter((id) => !handedBack.includes(id));
      this.deps.logger.info('Drained the job API', { [LOG.jobsFinished]: finished, [LOG.jobsHandedBack]: handedBack });
    }
  }

  private async attach(request: ConversionJobRequest, hash: string): Promise<Attachment> {
    const record = await this.deps.store.jobs.get(request.id);
    const final = this.finalOf(record, hash);
    if (final) return { kind: 'final', status: final };
    const local = this.running.get(request.id);
    if (local) return { kind: 'local', promise: this.checkHash(local, hash).promise };
    const lock = await this.deps.store.locks.tryAcquire(`job:${request.id}`, this.deps.config.lockTtlMs);
    if (!lock) return { kind: 'elsewhere', status: record?.status };
    try {
      // Re-read under the lock: the previous holder may have just finished.
      const settled = this.finalOf(await this.deps.store.jobs.get(request.id), hash);
      if (settled) {
        await this.deps.store.locks.release(lock);
        return { kind: 'final', status: settled };
      }
      const refused = this.deps.admission?.();
      if (refused) throw refused;
    } catch (error) {
      await this.deps.store.locks.release(lock);
      throw error;
    }
    return { kind: 'local', promise: this.start(request, hash, lock) };
  }

  private checkHash<T extends { hash: string }>(job: T, hash: string): T {
    if (job.hash !== hash) throw conflict();
    return job;
  }

  /** The record's status when it is final; CONFLICT when the id was used for another request. */
  private finalOf(record: JobRecord | undefined, hash: string): ConversionJobStatus | undefined {
    if (record === undefined) return undefined;
    if (record.requestHash !== hash) throw conflict();
    return isFinal(record.status) ? record.status : undefined;
  }

  private start(request: ConversionJobRequest, hash: string, lock: Lock): Promise<ConversionJobStatus> {
    const startedAt = this.now();
    const status: ConversionJobStatus = { id: request.id, state: 'running', startedAt: new Date(startedAt).toISOString() };
    const promise = this.execute(request, { hash, lock, status }, startedAt).finally(() => {
      this.running.delete(request.id);
      this.discarded.delete(request.id);
    });
    this.running.set(request.id, { promise, status, hash, lock });
    return promise;
  }

  private async execute(
    request: ConversionJobRequest,
    job: { hash: string; lock: Lock; status: ConversionJobStatus },
    startedAt: number,
  ): Promise<ConversionJobStatus> {
    const { store, config } = this.deps;
    const recordTtlMs = config.recordTtlSeconds * 1000;
    await store.jobs.put({ requestHash: job.hash, status: job.status }, recordTtlMs);
    const heartbeat = setInterval(() => void store.locks.extend(job.lock, config.lockTtlMs), Math.max(10, config.lockTtlMs / 3));
    heartbeat.unref();
    try {
      const final = await runJob(this.deps.run, request, startedAt);
      this.deps.metrics?.jobs.inc({ state: final.state, code: final.error?.code ?? 'none' });
      await this.record(request.id, { requestHash: job.hash, status: final }, recordTtlMs);
      return final;
    } finally {
      clearInterval(heartbeat);
      await store.locks.release(job.lock);
    }
  }

  private async record(id: string, record: JobRecord, ttlMs: number): Promise<void> {
    if (this.handedBack.has(id)) return;
    if (this.discarded.has(id)) {
      await this.deps.store.results.delete(id);
      return;
    }
    await this.deps.store.jobs.put(record, ttlMs);
  }

  private async waitLocal(id: string, promise: Promise<ConversionJobStatus>, deadline: number): Promise<ConversionJobStatus> {
    const controller = new AbortController();
    const timeout = delay(Math.max(0, deadline - this.now()), undefined, { signal: controller.signal }).catch(() => undefined);
    const final = await Promise.race([promise, timeout]);
    controller.abort();
    return final ?? this.running.get(id)?.status ?? (await promise);
  }
}

function conflict(): AppError {
  return new AppError('CONFLICT', 'A job with this id exists with a different request; use a new id');
}

/** Refuses an oversized inline source up front (413), before any job exists. */
function assertInlineSize(request: ConversionJobRequest, maxBytes: number): void {
  if (!('inline' in request.source)) return;
  const decoded = Math.floor((request.source.inline.length * 3) / 4);
  if (decoded - 2 > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Inline sources are limited to ${maxBytes} bytes; pass a URL instead`);
  }
}
