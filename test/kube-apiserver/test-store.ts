// In-process access to the server's objects for tests: seed, inspect and change objects without
// HTTP, with the same rules (resourceVersion, generation, finalizers, watch events) as the API.
import type { DeleteOptions, ObjectApi, Target } from './object-api.ts';
import type { Registry } from './registry.ts';
import { listObjects, type ListOptions } from './listing.ts';
import type { Storage } from './storage.ts';
import type { KubeObject, ResourceType } from './types.ts';
import { waitFor, type WaitOptions } from './wait-for.ts';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export class TestStore {
  readonly #registry: Registry;
  readonly #storage: Storage;
  readonly #api: ObjectApi;

  constructor(registry: Registry, storage: Storage, api: ObjectApi) {
    this.#registry = registry;
    this.#storage = storage;
    this.#api = api;
  }

  /** The current global resourceVersion. */
  get resourceVersion(): number {
    return this.#storage.revision;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    return this.#api.find(this.#type(ref), ref.namespace, ref.name);
  }

  list(ref: Omit<ObjectRef, 'name'>, options: ListOptions = {}): KubeObject[] {
    return listObjects(this.#storage, this.#type(ref), ref.namespace, options).items;
  }

  create(obj: KubeObject): KubeObject {
    return this.#api.create(this.#typeOf(obj), obj.metadata.namespace, obj, { fieldManager: 'test-store' });
  }

  /** Replaces the object (main resource); a set resourceVersion must match the stored one. */
  update(obj: KubeObject): KubeObject {
    return this.#api.update(this.#target(obj), obj, { fieldManager: 'test-store' });
  }

  updateStatus(obj: KubeObject): KubeObject {
    return this.#api.update(this.#target(obj), obj, { fieldManager: 'test-store', subresource: 'status' });
  }

  /** Reads, changes and writes back the object (main resource, or status with `subresource`). */
  mutate(ref: ObjectRef, change: (obj: KubeObject) => void, subresource?: 'status'): KubeObject {
    const type = this.#type(ref);
    const obj = this.#api.get(type, ref.namespace, ref.name);
    change(obj);
    return this.#api.update({ type, namespace: ref.namespace, name: ref.name }, obj, { fieldManager: 'test-store', subresource });
  }

  delete(ref: ObjectRef, options: DeleteOptions = {}): void {
    this.#api.delete({ type: this.#type(ref), namespace: ref.namespace, name: ref.name }, options);
  }

  /** Waits until the object satisfies `predicate` (called with undefined while it does not exist). */
  async waitFor(ref: ObjectRef, predicate: (obj: KubeObject | undefined) => boolean, options?: WaitOptions): Promise<KubeObject | undefined> {
    const box = await waitFor(() => {
      const obj = this.get(ref);
      return predicate(obj) ? { obj } : undefined;
    }, { description: `${ref.kind} ${ref.namespace ?? ''}/${ref.name}`, ...options });
    return box.obj;
  }

  #target(obj: KubeObject): Target {
    return { type: this.#typeOf(obj), namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
  }

  #typeOf(obj: KubeObject): ResourceType {
    return this.#type({ apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '' });
  }

  #type(ref: Pick<ObjectRef, 'apiVersion' | 'kind'>): ResourceType {
    const type = this.#registry.byKind(ref.apiVersion, ref.kind);
    if (!type) throw new Error(`No served resource for ${ref.apiVersion} ${ref.kind}`);
    return type;
  }
}
