// The one real-time wait of the project. Code whose waits tests must control takes a clock
// instead (operator/clock.ts: sleep(clock, ms)).

export interface DelayOptions {
  /** Let the process exit while waiting (a background flush must not keep it alive). */
  unref?: boolean;
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number, options: DelayOptions = {}): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    if (options.unref) timer.unref();
  });
}
