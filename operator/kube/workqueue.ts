// A rate-limited work queue like client-go's (util/workqueue): keys are de-duplicated (a key
// added many times before a worker takes it is processed once), a key is handed to one worker
// at a time (re-added while processing, it runs once more after `done`), failed keys come back
// after a per-item backoff, and `addAfter` delays a key. Time comes from an injected clock.
//
// One deliberate difference: after `shutDown`, `get` hands out no more keys (client-go drains
// the backlog first). Reconciles are level-triggered, so whoever runs next relists and loses
// nothing, and a replica losing its lease stops working at once.
import { systemClock, type Clock, type Timer } from '../clock.ts';
import { controllerRateLimiter, type RateLimiter } from './rate-limiter.ts';

export type GetResult<K> = { shutdown: false; item: K } | { shutdown: true };

/** What the queue reports; operator/metrics.ts implements it with the workqueue_* metrics. */
export interface WorkQueueMetrics {
  /** A key became pending (workqueue_adds_total, workqueue_depth + 1). */
  added(): void;
  /** A worker took a key after it waited `queuedMs` (workqueue_depth − 1, queue duration). */
  taken(queuedMs: number): void;
  /** A worker finished a key after `workMs` (workqueue_work_duration_seconds). */
  finished(workMs: number): void;
  /** A key was requeued through the rate limiter (workqueue_retries_total). */
  retried(): void;
  /** Lets the metrics read unfinished work when scraped. */
  observeUnfinishedWork(source: () => UnfinishedWork): void;
}

export interface UnfinishedWork {
  /** Sum of the time every in-flight key has been processing. */
  unfinishedSeconds: number;
  /** The longest time a single in-flight key has been processing. */
  longestRunningSeconds: number;
}

export const noopWorkQueueMetrics: WorkQueueMetrics = Object.freeze({
  added() {},
  taken() {},
  finished() {},
  retried() {},
  observeUnfinishedWork() {},
});

export interface WorkQueueOptions<K> {
  clock?: Clock;
  rateLimiter?: RateLimiter<K>;
  metrics?: WorkQueueMetrics;
}

export class WorkQueue<K> {
  private readonly clock: Clock;
  private readonly rateLimiter: RateLimiter<K>;
  private readonly metrics: WorkQueueMetrics;
  /** Keys waiting for a worker, in order; each is also in `dirty`. */
  private readonly pending = new Fifo<K>();
  /** Keys added with addFirst: handed out before `pending`; a key is in one of the two at most. */
  private readonly urgent = new Fifo<K>();
  /** Keys that need processing (pending, or re-added while processing). */
  private readonly dirty = new Set<K>();
  /** Keys a worker holds, with when it took them. */
  private readonly processing = new Map<K, number>();
  /** When each dirty key was added, for the queue duration metric. */
  private readonly addedAt = new Map<K, number>();
  private readonly delayed = new Map<K, { readyAt: number; timer: Timer }>();
  private readonly waiters: ((result: GetResult<K>) => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private stopping = false;

  constructor(options: WorkQueueOptions<K> = {}) {
    this.clock = options.clock ?? systemClock;
    this.rateLimiter = options.rateLimiter ?? controllerRateLimiter<K>(this.clock);
    this.metrics = options.metrics ?? noopWorkQueueMetrics;
    this.metrics.observeUnfinishedWork(() => this.unfinishedWork());
  }

  /** Marks `item` as needing processing; a no-op when it already does or the queue is shut down. */
  add(item: K): void {
    if (this.stopping || this.dirty.has(item)) return;
    this.dirty.add(item);
    this.addedAt.set(item, this.clock.now());
    this.metrics.added();
    if (this.processing.has(item)) return;
    this.pending.push(item);
    this.handOut();
  }

  /**
   * Like add, but the key goes ahead of every key added normally (or moves there if it is
   * already waiting). For keys that can use a resource that just freed (a dispatch slot).
   */
  addFirst(item: K): void {
    if (this.stopping) return;
    if (this.processing.has(item) || !this.dirty.has(item)) {
      this.add(item);
      if (this.pending.remove(item)) this.urgent.push(item);
      this.handOut();
      return;
    }
    if (this.pending.remove(item)) this.urgent.push(item);
  }

  /** Adds `item` after `delayMs`; an earlier pending delay for the same item wins. */
  addAfter(item: K, delayMs: number): void {
    if (this.stopping) return;
    if (delayMs <= 0) return this.add(item);
    const readyAt = this.clock.now() + delayMs;
    const waiting = this.delayed.get(item);
    if (waiting && waiting.readyAt <= readyAt) return;
    waiting?.timer.cancel();
    const timer = this.clock.setTimeout(() => {
      this.delayed.delete(item);
      this.add(item);
    }, delayMs);
    this.delayed.set(item, { readyAt, timer });
  }

  /** Adds `item` once the rate limiter allows it (per-item backoff, overall bucket). */
  addRateLimited(item: K): void {
    if (this.stopping) return;
    this.metrics.retried();
    this.addAfter(item, this.rateLimiter.when(item));
  }

  /** Clears the item's backoff (call after it was processed successfully). */
  forget(item: K): void {
    this.rateLimiter.forget(item);
  }

  numRequeues(item: K): number {
    return this.rateLimiter.numRequeues(item);
  }

  /** The next key to process; waits while the queue is empty. `shutdown` once shut down. */
  get(): Promise<GetResult<K>> {
    if (this.stopping) return Promise.resolve({ shutdown: true });
    if (this.queued > 0) return Promise.resolve(this.take());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Releases a key taken with `get`; if it was re-added meanwhile it becomes pending again. */
  done(item: K): void {
    const startedAt = this.processing.get(item);
    if (startedAt === undefined) return;
    this.processing.delete(item);
    this.metrics.finished(this.clock.now() - startedAt);
    if (this.dirty.has(item) && !this.stopping) {
      this.pending.push(item);
      this.handOut();
    }
    if (this.processing.size === 0) this.drainWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Keys waiting for a worker (not counting delayed or in-flight ones). */
  get length(): number {
    return this.queued;
  }

  private get queued(): number {
    return this.pending.size + this.urgent.size;
  }

  get isShuttingDown(): boolean {
    return this.stopping;
  }

  /** Stops handing out keys: waiting and later `get` calls return `shutdown`; delayed adds are dropped. */
  shutDown(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const { timer } of this.delayed.values()) timer.cancel();
    this.delayed.clear();
    this.waiters.splice(0).forEach((resolve) => resolve({ shutdown: true }));
  }

  /** Shuts down, then resolves once every in-flight key is `done`. */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  unfinishedWork(): UnfinishedWork {
    const now = this.clock.now();
    let unfinishedMs = 0;
    let longestMs = 0;
    for (const startedAt of this.processing.values()) {
      unfinishedMs += now - startedAt;
      longestMs = Math.max(longestMs, now - startedAt);
    }
    return { unfinishedSeconds: unfinishedMs / 1000, longestRunningSeconds: longestMs / 1000 };
  }

  private take(): GetResult<K> {
    const item = (this.urgent.size > 0 ? this.urgent.shift() : this.pending.shift()) as K;
    const now = this.clock.now();
    this.processing.set(item, now);
    this.dirty.delete(item);
    this.metrics.taken(now - (this.addedAt.get(item) ?? now));
    this.addedAt.delete(item);
    return { shutdown: false, item };
  }

  private handOut(): void {
    while (this.waiters.length > 0 && this.queued > 0) this.waiters.shift()!(this.take());
  }
}

/** A FIFO with O(1) shift: an array read from a moving head, compacted now and then. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Removes one occurrence of `item`; true when it was there. O(n): for the rare addFirst. */
  remove(item: T): boolean {
    const index = this.items.indexOf(item, this.head);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
