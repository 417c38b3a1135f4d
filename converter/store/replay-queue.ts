// Keys written or deleted in the per-pod fallback while Redis was degraded, oldest first, to
// replay once it answers again. A write keeps only its key (the value stays in the bounded
// fallback); a delete keeps a tombstone: the digest of the value it removed, and the value itself
// only when the key's replay policy must look at it (small job records, never result blobs).
// Past the bound the oldest entry is dropped and reported, so the queue never grows without limit.
export interface DeletedValue {
  digest: string;
  value?: Buffer;
}

export type ReplayEntry = { key: string; expiresAtMs: number } | { key: string; deleted: DeletedValue };

export class ReplayQueue {
  // Map keeps insertion order; re-adding a key moves it to the back (its newest write or delete).
  private readonly entries = new Map<string, ReplayEntry>();
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
    this.push({ key, expiresAtMs });
  }

  /** A delete of `key` while degraded: replaces a queued write of the same key. */
  addDelete(key: string, deleted: DeletedValue): void {
    this.push({ key, deleted });
  }

  /** The oldest entry, left in place until done() (a failed replay is retried later). */
  peek(): ReplayEntry | undefined {
    return this.entries.values().next().value;
  }

  /** Gives up on a key (its write-through failed): reported like an overflow. */
  drop(key: string): void {
    if (this.entries.delete(key)) this.onDrop(key);
  }

  /** Removes the entry unless the key was written or deleted again meanwhile. */
  done(entry: ReplayEntry): void {
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
  }

  private push(entry: ReplayEntry): void {
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(oldest);
      this.onDrop(oldest);
    }
  }
}
