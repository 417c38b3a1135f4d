// Polling helpers for asynchronous effects (garbage collection, informers, controllers).
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error. */
  description?: string;
}

/**
 * Resolves with the first truthy value of `probe`; rejects after `timeoutMs` (default 5 s).
 * Polls every `intervalMs` (default 10), or 4× the probe's own duration when that is longer, so an
 * expensive probe (listing thousands of objects) never takes more than a fifth of the CPU from the
 * code under test.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 10, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const started = performance.now();
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`, { cause: lastError });
    }
    await sleep(Math.max(intervalMs, 4 * (performance.now() - started)));
  }
}
