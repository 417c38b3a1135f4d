// How long a refused client should wait: the time for the work ahead of it to drain, from a
// moving average of recent conversion durations. Pure.

export interface LoadSnapshot {
  inFlight: number;
  queued: number;
  capacity: number;
}

const MIN_SECONDS = 1;
const MAX_SECONDS = 60;
const SMOOTHING = 0.2;

export function estimateRetryAfterSeconds(load: LoadSnapshot, averageMs: number): number {
  const ahead = load.inFlight + load.queued;
  const seconds = Math.ceil((ahead * averageMs) / Math.max(load.capacity, 1) / 1000);
  return Math.min(Math.max(seconds, MIN_SECONDS), MAX_SECONDS);
}

/** Exponentially weighted moving average of durations, seeded with a guess. */
export class DurationAverage {
  private value: number;

  constructor(initialMs: number) {
    this.value = initialMs;
  }

  get ms(): number {
    return this.value;
  }

  record(durationMs: number): void {
    this.value = this.value * (1 - SMOOTHING) + durationMs * SMOOTHING;
  }
}
