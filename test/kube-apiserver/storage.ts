// Versioned object storage: one global resourceVersion counter (like etcd's revision), the
// current objects per storage bucket, and a bounded history of changes for watches.
import { expired } from './errors.ts';
import { objectKey, type KubeObject } from './types.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  resourceVersion: number;
  storageKey: string;
  object: KubeObject;
  /** The object before this change (MODIFIED, DELETED): lets selector watches emit enter/leave events. */
  previous?: KubeObject;
}

export type ChangeListener = (change: Change) => void;

export class Storage {
  #revision = 0;
  /** Changes with a resourceVersion above this are all in #history. */
  #compactedRevision = 0;
  readonly #historyLimit: number;
  readonly #history: Change[] = [];
  readonly #buckets = new Map<string, Map<string, KubeObject>>();
  readonly #uids = new Map<string, { storageKey: string; key: string }>();
  readonly #listeners = new Set<ChangeListener>();

  constructor(historyLimit: number) {
    this.#historyLimit = historyLimit;
  }

  get revision(): number {
    return this.#revision;
  }

  get compactedRevision(): number {
    return this.#compactedRevision;
  }

  get(storageKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.#buckets.get(storageKey)?.get(objectKey(namespace, name));
    return found && structuredClone(found);
  }

  /** Objects of a bucket (optionally one namespace), sorted by namespace/name. */
  list(storageKey: string, namespace?: string): KubeObject[] {
    return sortedClones(this.#buckets.get(storageKey) ?? new Map(), namespace);
  }

  /** The stored objects themselves, uncloned: for read-only scans (the garbage collector). */
  scan(storageKey: string): Iterable<Readonly<KubeObject>> {
    return this.#buckets.get(storageKey)?.values() ?? [];
  }

  /** The bucket as it was at resourceVersion `at`, rebuilt by undoing the retained history. */
  snapshot(storageKey: string, at: number, namespace?: string): KubeObject[] {
    if (at < this.#compactedRevision) {
      throw expired(`too old resource version: ${at} (${this.#compactedRevision})`);
    }
    const state = new Map(this.#buckets.get(storageKey) ?? []);
    for (const change of [...this.#history].reverse()) {
      if (change.resourceVersion <= at) break;
      if (change.storageKey !== storageKey) continue;
      const key = objectKey(change.object.metadata.namespace, change.object.metadata.name ?? '');
      if (change.type === 'ADDED') state.delete(key);
      else if (change.previous) state.set(key, change.previous);
    }
    return sortedClones(state, namespace);
  }

  byUid(uid: string): { storageKey: string; object: KubeObject } | undefined {
    const at = this.#uids.get(uid);
    const obj = at && this.#buckets.get(at.storageKey)?.get(at.key);
    return obj && at ? { storageKey: at.storageKey, object: structuredClone(obj) } : undefined;
  }

  /** Stores the object under a new resourceVersion and returns the stored copy. */
  put(storageKey: string, obj: KubeObject, previous?: KubeObject): KubeObject {
    const stored = structuredClone(obj);
    stored.metadata.resourceVersion = String(++this.#revision);
    const key = objectKey(stored.metadata.namespace, stored.metadata.name ?? '');
    let bucket = this.#buckets.get(storageKey);
    if (!bucket) this.#buckets.set(storageKey, (bucket = new Map()));
    bucket.set(key, stored);
    if (stored.metadata.uid) this.#uids.set(stored.metadata.uid, { storageKey, key });
    this.#record({ type: previous ? 'MODIFIED' : 'ADDED', resourceVersion: this.#revision, storageKey, object: stored, previous });
    return structuredClone(stored);
  }

  /** Removes the object; the DELETED event carries it with the deletion's resourceVersion. */
  remove(storageKey: string, obj: KubeObject): KubeObject {
    const key = objectKey(obj.metadata.namespace, obj.metadata.name ?? '');
    const previous = this.#buckets.get(storageKey)?.get(key);
    this.#buckets.get(storageKey)?.delete(key);
    if (obj.metadata.uid) this.#uids.delete(obj.metadata.uid);
    const gone = structuredClone(previous ?? obj);
    gone.metadata.resourceVersion = String(++this.#revision);
    this.#record({ type: 'DELETED', resourceVersion: this.#revision, storageKey, object: gone, previous });
    return structuredClone(gone);
  }

  /** Changes of a bucket after `since`; 410 Expired when they are no longer retained. */
  changesSince(storageKey: string, since: number): Change[] {
    if (since < this.#compactedRevision) {
      throw expired(`too old resource version: ${since} (${this.#compactedRevision})`);
    }
    return this.#history.filter((c) => c.storageKey === storageKey && c.resourceVersion > since);
  }

  /** Forgets all history: any watch or continue token from before now gets 410. */
  compact(): void {
    this.#history.length = 0;
    this.#compactedRevision = this.#revision;
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #record(change: Change): void {
    this.#history.push(change);
    if (this.#history.length > this.#historyLimit) {
      const dropped = this.#history.shift();
      if (dropped) this.#compactedRevision = dropped.resourceVersion;
    }
    for (const listener of [...this.#listeners]) listener(change);
  }
}

function sortedClones(bucket: ReadonlyMap<string, KubeObject>, namespace: string | undefined): KubeObject[] {
  return [...bucket.entries()]
    .filter(([, obj]) => namespace === undefined || obj.metadata.namespace === namespace)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, obj]) => structuredClone(obj));
}
