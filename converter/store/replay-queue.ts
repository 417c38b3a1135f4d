// Keys written to the per-pod fallback while Redis was degraded, oldest first, to write through
// once it answers again. Only keys are kept (the values stay in the bounded fallback); past the
// bound the oldest key is dropped and reported, so the queue never grows without limit.
export interface ReplayEntry {
  key: string;
  expiresAtMs: number;
}

export class ReplayQueue {
  // Map keeps insertion order; re-adding a key moves it to the back (its newest write).
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly onDrop: (key: string) => void;

  constructor(maxEntries: number, onDrop: (key: string) => void) {
    this.maxEntries = maxEntries;
    this.onDrop = onDrop;
  }

  get size(): number {
    return this.entries.size;
  }

  add(key: string, expiresAtMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, expiresAtMs);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(oldest);
      this.onDrop(oldest);
    }
  }

  /** The oldest entry, left in place until done() (a failed write-through is retried later). */
  peek(): ReplayEntry | undefined {
    const first = this.entries.entries().next();
    return first.done === true ? undefined : { key: first.value[0], expiresAtMs: first.value[1] };
  }

  /** Gives up on a key (its write-through failed): reported like an overflow. */
  drop(key: string): void {
    if (this.entries.delete(key)) this.onDrop(key);
  }

  done(entry: ReplayEntry): void {
    if (this.entries.get(entry.key) === entry.expiresAtMs) this.entries.delete(entry.key);
  }
}
