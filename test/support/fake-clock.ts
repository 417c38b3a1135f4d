// A clock that only moves when the test says so. Timers fire in due order, each at its due
// time; `advance` lets promise callbacks settle after every timer so async code keeps up.
import type { Clock, Timer } from '../../operator/clock.ts';

interface Scheduled {
  id: number;
  dueAt: number;
  callback: () => void;
}

export const flushPromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private current: number;
  private nextId = 0;
  private timers: Scheduled[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): Timer {
    const timer = { id: this.nextId++, dueAt: this.current + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((other) => other !== timer)) };
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushPromises();
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.timers = this.timers.filter((timer) => timer !== next);
      this.current = next.dueAt;
      next.callback();
      await flushPromises();
    }
    this.current = target;
    await flushPromises();
  }

  private nextDue(limit: number): Scheduled | undefined {
    let next: Scheduled | undefined;
    for (const timer of this.timers) {
      if (timer.dueAt <= limit && (!next || timer.dueAt < next.dueAt || (timer.dueAt === next.dueAt && timer.id < next.id))) next = timer;
    }
    return next;
  }
}
