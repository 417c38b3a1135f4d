// Tracks whether Redis answers. Any failed or timed-out command flips the state to `degraded`;
// while degraded, calls skip Redis entirely (no request waits on a dead server) and a probe
// pings it on a timer until it answers, then the state flips back to `up`. Each flip is
// logged once, never per request.
import type { Logger } from '../../common/logger.ts';
import type { StoreHealth } from './types.ts';
import { LOG } from '../../common/log-fields.ts';

export interface HealthTrackerOptions {
  logger: Logger;
  /** Answers when Redis is back; rejects (fast: bounded by the command timeout) otherwise. */
  probe: () => Promise<unknown>;
  probeIntervalMs: number;
  initial?: StoreHealth;
  onChange?: (state: StoreHealth) => void;
}

export class HealthTracker {
  private current: StoreHealth;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private closed = false;
  private readonly options: HealthTrackerOptions;

  constructor(options: HealthTrackerOptions) {
    this.options = options;
    this.current = options.initial ?? 'up';
    if (this.current === 'degraded') this.schedule();
  }

  get state(): StoreHealth {
    return this.current;
  }

  markUp(): void {
    if (this.current === 'up' || this.closed) return;
    this.current = 'up';
    this.stopTimer();
    this.options.logger.info('Reconnected to Redis', { [LOG.eventAction]: 'redis-up' });
    this.options.onChange?.('up');
  }

  markDegraded(error: unknown): void {
    if (this.current === 'degraded' || this.closed) return;
    this.current = 'degraded';
    this.options.logger.warn('Lost Redis; running degraded (per-pod cache, rate limits and job records)', {
      [LOG.eventAction]: 'redis-degraded',
      [LOG.errorMessage]: error instanceof Error ? error.message : String(error),
    });
    this.options.onChange?.('degraded');
    this.schedule();
  }

  /** Probes now (e.g. when the client reports it reconnected) instead of waiting for the timer. */
  async probeNow(): Promise<void> {
    if (this.current === 'up' || this.probing || this.closed) return;
    this.probing = true;
    try {
      await this.options.probe();
      this.markUp();
    } catch {
      // Still down: the timer tries again.
    } finally {
      this.probing = false;
    }
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setInterval(() => void this.probeNow(), this.options.probeIntervalMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
