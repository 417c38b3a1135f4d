// The garbage collector and namespace controller of the test cluster, run asynchronously after
// changes (as kube-controller-manager does): deletes dependents whose owners are all gone
// (background), processes the `orphan` and `foregroundDeletion` finalizers, and empties then
// removes terminating namespaces.
import { ApiError } from './errors.ts';
import type { ObjectApi } from './object-api.ts';
import type { Registry } from './registry.ts';
import type { Storage } from './storage.ts';
import { storageKeyOf, type KubeObject, type ResourceType } from './types.ts';

export interface GarbageCollectorDeps {
  storage: Storage;
  registry: Registry;
  api: ObjectApi;
}

interface Entry {
  type: ResourceType;
  obj: KubeObject;
}

const MANAGER = { fieldManager: 'generic-garbage-collector' };

export class GarbageCollector {
  readonly #deps: GarbageCollectorDeps;
  readonly #unsubscribe: () => void;
  #scheduled: NodeJS.Immediate | undefined;
  #stopped = false;

  constructor(deps: GarbageCollectorDeps) {
    this.#deps = deps;
    this.#unsubscribe = deps.storage.subscribe(() => this.#schedule());
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

  /** One pass over every object; later passes follow from the writes this one makes. */
  sweep(): void {
    const entries = this.#everything();
    for (const entry of entries) this.#guard(() => this.#collect(entry, entries));
  }

  #collect(entry: Entry, entries: Entry[]): void {
    const { obj } = entry;
    if (obj.metadata.deletionTimestamp) this.#finalize(entry, entries);
    else if ((obj.metadata.ownerReferences ?? []).length > 0) this.#checkOwners(entry);
  }

  #everything(): Entry[] {
    const seen = new Set<string>();
    const entries: Entry[] = [];
    for (const type of this.#deps.registry.all()) {
      const key = storageKeyOf(type);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const obj of this.#deps.storage.list(key)) entries.push({ type, obj });
    }
    return entries;
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
    if (type.group === '' && type.plural === 'namespaces') this.#terminateNamespace(obj, entries);
    else if (finalizers.includes('orphan')) this.#orphan(entry, entries);
    else if (finalizers.includes('foregroundDeletion')) this.#deleteForeground(entry, entries);
  }

  #orphan(entry: Entry, entries: Entry[]): void {
    const uid = entry.obj.metadata.uid;
    for (const dependent of this.#dependentsOf(uid, entries)) {
      this.#guard(() => this.#write(dependent, (o) => {
        o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== uid);
      }));
    }
    this.#write(entry, (o) => this.#dropFinalizer(o, 'orphan'));
  }

  #deleteForeground(entry: Entry, entries: Entry[]): void {
    const dependents = this.#dependentsOf(entry.obj.metadata.uid, entries);
    for (const { type, obj } of dependents.filter((d) => !d.obj.metadata.deletionTimestamp)) {
      this.#guard(() => this.#deps.api.delete({ type, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' }, { propagationPolicy: 'Foreground' }));
    }
    if (dependents.length === 0) this.#write(entry, (o) => this.#dropFinalizer(o, 'foregroundDeletion'));
  }

  /** Deletes an object whose owners are all gone; drops references to the gone ones otherwise. */
  #checkOwners(entry: Entry): void {
    const refs = entry.obj.metadata.ownerReferences ?? [];
    const dangling = refs.filter((ref) => !this.#deps.storage.byUid(ref.uid));
    if (dangling.length === 0) return;
    const { type, obj } = entry;
    if (dangling.length === refs.length) {
      this.#deps.api.delete({ type, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' }, { propagationPolicy: 'Background' });
      return;
    }
    const gone = new Set(dangling.map((ref) => ref.uid));
    this.#write(entry, (o) => {
      o.metadata.ownerReferences = refs.filter((ref) => !gone.has(ref.uid));
    });
  }

  #terminateNamespace(namespace: KubeObject, entries: Entry[]): void {
    const name = namespace.metadata.name;
    const content = entries.filter((e) => e.type.namespaced && e.obj.metadata.namespace === name);
    for (const { type, obj } of content.filter((e) => !e.obj.metadata.deletionTimestamp)) {
      this.#guard(() => this.#deps.api.delete({ type, namespace: name, name: obj.metadata.name ?? '' }, { propagationPolicy: 'Background' }));
    }
    if (content.length === 0) this.#deps.storage.remove('/namespaces', namespace);
  }

  #dropFinalizer(obj: KubeObject, finalizer: string): void {
    obj.metadata.finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  }

  #write(entry: Entry, change: (obj: KubeObject) => void): void {
    const current = this.#deps.api.get(entry.type, entry.obj.metadata.namespace, entry.obj.metadata.name ?? '');
    const next = structuredClone(current);
    change(next);
    this.#deps.api.replaceFrom(entry.type, current, next, MANAGER);
  }
}
