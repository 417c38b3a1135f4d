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

function asKube(obj: object): KubeObject {
  const kube = obj as KubeObject;
  if (!kube.metadata) throw new Error('The object has no metadata');
  return kube;
}

/** Typed callers pass their own interfaces (`DocConversion`); `KubeObject` is the default. */
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

  get<T extends object = KubeObject>(ref: ObjectRef): T | undefined {
    return this.#api.find(this.#type(ref), ref.namespace, ref.name) as T | undefined;
  }

  list<T extends object = KubeObject>(ref: Omit<ObjectRef, 'name'>, options: ListOptions = {}): T[] {
    return listObjects(this.#storage, this.#type(ref), ref.namespace, options).items as T[];
  }

  create<T extends object = KubeObject>(input: T): T {
    const obj = asKube(input);
    return this.#api.create(this.#typeOf(obj), obj.metadata.namespace, obj, { fieldManager: 'test-store' }) as T;
  }

  /** Replaces the object (main resource); a set resourceVersion must match the stored one. */
  update<T extends object = KubeObject>(input: T): T {
    const obj = asKube(input);
    return this.#api.update(this.#target(obj), obj, { fieldManager: 'test-store' }) as T;
  }

  updateStatus<T extends object = KubeObject>(input: T): T {
    const obj = asKube(input);
    return this.#api.update(this.#target(obj), obj, { fieldManager: 'test-store', subresource: 'status' }) as T;
  }

  /** Reads, changes and writes back the object (main resource, or status with `subresource`). */
  mutate<T extends object = KubeObject>(ref: ObjectRef, change: (obj: T) => void, subresource?: 'status'): T {
    const type = this.#type(ref);
    const obj = this.#api.get(type, ref.namespace, ref.name);
    change(obj as unknown as T);
    return this.#api.update({ type, namespace: ref.namespace, name: ref.name }, obj, {
      fieldManager: 'test-store',
      subresource,
    }) as unknown as T;
  }

  delete(ref: ObjectRef, options: DeleteOptions = {}): void {
    this.#api.delete({ type: this.#type(ref), namespace: ref.namespace, name: ref.name }, options);
  }

  /** Waits until the object satisfies `predicate` (called with undefined while it does not exist). */
  async waitFor<T extends object = KubeObject>(
    ref: ObjectRef,
    predicate: (obj: T | undefined) => boolean,
    options?: WaitOptions,
  ): Promise<T | undefined> {
    const box = await waitFor(
      () => {
        const obj = this.get<T>(ref);
        return predicate(obj) ? { obj } : undefined;
      },
      { description: `${ref.kind} ${ref.namespace ?? ''}/${ref.name}`, ...options },
    );
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
