// A counting semaphore with a bounded wait queue: at most `capacity` holders, at most
// `queueLimit` waiters, and the next caller is refused at once with OVERLOADED. Waiters leave
// the queue when their signal aborts. Used by both engines so they refuse work the same way.
import { AppError } from '../errors.ts';
import { shuttingDown } from './failures.ts';

export type Release = () => void;

export interface SlotsOptions {
  capacity: number;
  queueLimit: number;
  /** Seconds to advertise in Retry-After when refusing. */
  retryAfterSeconds: () => number;
}

interface Waiter {
  grant: (release: Release) => void;
  fail: (error: unknown) => void;
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The conversion was aborted.', 'AbortError');
}

export class Slots {
  private held = 0;
  private closed = false;
  private readonly waiters: Waiter[] = [];
  private readonly idleWatchers: Array<() => void> = [];
  private readonly options: SlotsOptions;

  constructor(options: SlotsOptions) {
    if (options.capacity < 1) throw new RangeError('capacity must be at least 1');
    this.options = options;
  }

  get inFlight(): number {
    return this.held;
  }

  get queued(): number {
    return this.waiters.length;
  }

  acquire(signal?: AbortSignal): Promise<Release> {
    if (this.closed) return Promise.reject(shuttingDown());
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.held < this.options.capacity) return Promise.resolve(this.take());
    if (this.waiters.length >= this.options.queueLimit) {
      return Promise.reject(
        new AppError('OVERLOADED', 'The converter is busy; retry later.', { retryAfterSeconds: this.options.retryAfterSeconds() }),
      );
    }
    return this.enqueue(signal);
  }

  /** Refuses new work; queued waiters still get their turn. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once nothing is held or queued. */
  whenIdle(): Promise<void> {
    if (this.held === 0 && this.waiters.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWatchers.push(resolve));
  }

  /** Fails every waiter still in the queue (after the grace period of a shutdown). */
  rejectQueued(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) waiter.fail(error);
    this.notifyIfIdle();
  }

  private enqueue(signal?: AbortSignal): Promise<Release> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
        this.notifyIfIdle();
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private take(): Release {
    this.held += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held -= 1;
      this.handOver();
    };
  }

  private handOver(): void {
    const next = this.waiters.shift();
    if (next) next.grant(this.take());
    else this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (this.held !== 0 || this.waiters.length !== 0) return;
    for (const resolve of this.idleWatchers.splice(0)) resolve();
  }
}
