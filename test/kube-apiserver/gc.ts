// The garbage collector and namespace controller of the test cluster, run asynchronously after
// changes (as kube-controller-manager does): deletes dependents whose owners are all gone
// (background), processes the `orphan` and `foregroundDeletion` finalizers, and empties then
// removes terminating namespaces.
import { clone } from './clone.ts';
import { ApiError } from './errors.ts';
import type { ObjectApi } from './object-api.ts';
import type { Registry } from './registry.ts';
import type { Change, Storage } from './storage.ts';
import { storageKeyOf, type KubeObject, type ResourceType } from './types.ts';

export interface GarbageCollectorDeps {
  storage: Storage;
  registry: Registry;
  api: ObjectApi;
}

/** A stored object as the collector sees it: the live copy, never changed in place (writes go through the API). */
interface Entry {
  type: ResourceType;
  obj: Readonly<KubeObject>;
}

const MANAGER = { fieldManager: 'generic-garbage-collector' };

function isCollectable(obj: Readonly<KubeObject>): boolean {
  return obj.metadata.deletionTimestamp !== undefined || (obj.metadata.ownerReferences ?? []).length > 0;
}

/** Deletions can orphan dependents; deleting or owned objects may need work. */
function concernsCollector(change: Change): boolean {
  return change.type === 'DELETED' || isCollectable(change.object);
}

export class GarbageCollector {
  readonly #deps: GarbageCollectorDeps;
  readonly #unsubscribe: () => void;
  #scheduled: NodeJS.Immediate | undefined;
  #stopped = false;

  constructor(deps: GarbageCollectorDeps) {
    this.#deps = deps;
    this.#unsubscribe = deps.storage.subscribe((change) => {
      if (concernsCollector(change)) this.#schedule();
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    if (this.#scheduled) clearImmediate(this.#scheduled);
  }

  #schedule(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = setImmediate(() => {
      this.#scheduled = undefined;
      this.sweep();
    });
  }

  /** One pass over the objects being deleted or owned; later passes follow from the writes this one makes. */
  sweep(): void {
    const entries = this.#everything();
    for (const entry of entries) this.#guard(() => this.#collect(entry, entries));
  }

  #collect(entry: Entry, entries: Entry[]): void {
    const { obj } = entry;
    if (obj.metadata.deletionTimestamp) this.#finalize(entry, entries);
    else if ((obj.metadata.ownerReferences ?? []).length > 0) this.#checkOwners(entry);
  }

  #everything(filter: (obj: Readonly<KubeObject>) => boolean = isCollectable): Entry[] {
    const entries: Entry[] = [];
    for (const type of this.#bucketTypes()) {
      for (const obj of this.#deps.storage.scan(storageKeyOf(type))) if (filter(obj)) entries.push({ type, obj });
    }
    return entries;
  }

  /** One served type per storage bucket (versions of a resource share one). */
  #bucketTypes(): ResourceType[] {
    const byKey = new Map<string, ResourceType>();
    for (const type of this.#deps.registry.all()) if (!byKey.has(storageKeyOf(type))) byKey.set(storageKeyOf(type), type);
    return [...byKey.values()];
  }

  #guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      // The object moved under us (or is gone): the change that caused it schedules another pass.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  #dependentsOf(uid: string | undefined, entries: Entry[]): Entry[] {
    return entries.filter((e) => (e.obj.metadata.ownerReferences ?? []).some((ref) => ref.uid === uid));
  }

  #finalize(entry: Entry, entries: Entry[]): void {
    const { type, obj } = entry;
    const finalizers = obj.metadata.finalizers ?? [];
    if (type.group === '' && type.plural === 'namespaces') this.#terminateNamespace(obj);
    else if (finalizers.includes('orphan')) this.#orphan(entry, entries);
    else if (finalizers.includes('foregroundDeletion')) this.#deleteForeground(entry, entries);
  }

  #orphan(entry: Entry, entries: Entry[]): void {
    const uid = entry.obj.metadata.uid;
    for (const dependent of this.#dependentsOf(uid, entries)) {
      this.#guard(() =>
        this.#write(dependent, (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== uid);
        }),
      );
    }
    this.#write(entry, (o) => this.#dropFinalizer(o, 'orphan'));
  }

  #deleteForeground(entry: Entry, entries: Entry[]): void {
    const dependents = this.#dependentsOf(entry.obj.metadata.uid, entries);
    for (const { type, obj } of dependents.filter((d) => !d.obj.metadata.deletionTimestamp)) {
      this.#guard(() =>
        this.#deps.api.delete(
          { type, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' },
          { propagationPolicy: 'Foreground' },
        ),
      );
    }
    if (dependents.length === 0) this.#write(entry, (o) => this.#dropFinalizer(o, 'foregroundDeletion'));
  }

  /** Deletes an object whose owners are all gone; drops references to the gone ones otherwise. */
  #checkOwners(entry: Entry): void {
    const refs = entry.obj.metadata.ownerReferences ?? [];
    const dangling = refs.filter((ref) => !this.#deps.storage.hasUid(ref.uid));
    if (dangling.length === 0) return;
    const { type, obj } = entry;
    if (dangling.length === refs.length) {
      this.#deps.api.delete(
        { type, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' },
        { propagationPolicy: 'Background' },
      );
      return;
    }
    const gone = new Set(dangling.map((ref) => ref.uid));
    this.#write(entry, (o) => {
      o.metadata.ownerReferences = refs.filter((ref) => !gone.has(ref.uid));
    });
  }

  #terminateNamespace(namespace: KubeObject): void {
    const name = namespace.metadata.name;
    const content = this.#everything((obj) => obj.metadata.namespace === name);
    for (const { type, obj } of content.filter((e) => !e.obj.metadata.deletionTimestamp)) {
      this.#guard(() =>
        this.#deps.api.delete({ type, namespace: name, name: obj.metadata.name ?? '' }, { propagationPolicy: 'Background' }),
      );
    }
    if (content.length === 0) this.#deps.storage.remove('/namespaces', namespace);
  }

  #dropFinalizer(obj: KubeObject, finalizer: string): void {
    obj.metadata.finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  }

  #write(entry: Entry, change: (obj: KubeObject) => void): void {
    const current = this.#deps.api.get(entry.type, entry.obj.metadata.namespace, entry.obj.metadata.name ?? '');
    const next = clone(current);
    change(next);
    this.#deps.api.replaceFrom(entry.type, current, next, MANAGER);
  }
}
