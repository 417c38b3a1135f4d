// The generic registry: create, read, update, patch and delete with the real server's rules
// (resourceVersion preconditions, server-owned metadata, generation, the status subresource,
// finalizers and deletionTimestamp, validation). Used by the HTTP handlers and by tests directly.
import { clone } from './clone.ts';
import { isDeepStrictEqual } from 'node:util';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  STALE_OBJECT,
  successStatus,
  type QualifiedResource,
  type StatusCause,
} from './errors.ts';
import {
  addedFinalizers,
  bumpGenerationIfNeeded,
  generatedName,
  isNoop,
  metadataCauses,
  prepareCreate,
  prepareUpdate,
  timestamp,
  withTypeMeta,
} from './object-rules.ts';
import type { Registry } from './registry.ts';
import type { Storage } from './storage.ts';
import { storageKeyOf, type KubeObject, type ManagedFieldsEntry, type ResourceType } from './types.ts';

export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
  subresource?: string;
  /** Set by server-side apply: the ownership it computed, recorded as is. */
  managedFields?: ManagedFieldsEntry[];
}

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ObjectApiDeps {
  storage: Storage;
  registry: Registry;
  clock: () => Date;
}

/** Hook run on every accepted write (managed fields tracking). */
export type WriteHook = (type: ResourceType, current: KubeObject | undefined, next: KubeObject, options: WriteOptions) => void;

const NAMESPACES = '/namespaces';

/** One object of one served resource. */
export interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
}

export function qualifiedResource(type: ResourceType): QualifiedResource {
  return { group: type.group, resource: type.plural };
}

export class ObjectApi {
  readonly #deps: ObjectApiDeps;
  readonly #writeHooks: WriteHook[] = [];

  constructor(deps: ObjectApiDeps) {
    this.#deps = deps;
  }

  onWrite(hook: WriteHook): void {
    this.#writeHooks.push(hook);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.#deps.storage.get(storageKeyOf(type), scopeOf(type, namespace), name);
    if (!found) throw notFound(qualifiedResource(type), name);
    return withTypeMeta(type, found);
  }

  find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.#deps.storage.get(storageKeyOf(type), scopeOf(type, namespace), name);
    return found && withTypeMeta(type, found);
  }

  create(type: ResourceType, namespace: string | undefined, body: KubeObject, options: WriteOptions = {}): KubeObject {
    const meta = body.metadata ?? {};
    if (type.namespaced && !namespace) throw badRequest(`${type.plural} are namespaced: the object needs a namespace`);
    if (type.namespaced && meta.namespace && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const obj = prepareCreate(type, { ...body, metadata: { ...meta } }, this.#deps.clock());
    if (type.namespaced) obj.metadata.namespace = namespace;
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = this.#uniqueName(type, obj);
    this.#checkNamespaceOpen(type, obj);
    const name = obj.metadata.name ?? '';
    if (name && this.find(type, namespace, name)) throw alreadyExists(qualifiedResource(type), name);
    return this.#commit(type, undefined, obj, options);
  }

  update(target: Target, body: KubeObject, options: WriteOptions = {}): KubeObject {
    const { type, namespace, name } = target;
    const current = this.get(type, namespace, name);
    if (body.metadata?.name !== undefined && body.metadata.name !== name) {
      throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
    }
    this.#checkResourceVersion(type, current, body);
    return this.#commit(type, current, prepareUpdate(type, current, body, options.subresource), options);
  }

  /** Writes a candidate computed from `current` (patches, apply, internal controllers). */
  replaceFrom(type: ResourceType, current: KubeObject, candidate: KubeObject, options: WriteOptions = {}): KubeObject {
    const name = current.metadata.name ?? '';
    if (candidate.metadata?.name !== name)
      throw badRequest(`the name of the object (${String(candidate.metadata?.name)}) does not match the name on the URL (${name})`);
    if (candidate.metadata.resourceVersion && candidate.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(qualifiedResource(type), name, STALE_OBJECT);
    }
    return this.#commit(type, current, prepareUpdate(type, current, candidate, options.subresource), options);
  }

  delete(target: Target, options: DeleteOptions = {}): KubeObject | Record<string, unknown> {
    const { type, namespace, name } = target;
    const current = this.get(type, namespace, name);
    this.#checkDeletePreconditions(type, current, options);
    const finalizers = finalizersForDeletion(current, options);
    if (finalizers.length === 0 && !isNamespaceObject(type)) {
      if (!options.dryRun) this.#deps.storage.remove(storageKeyOf(type), current);
      return successStatus(qualifiedResource(type), name, current.metadata.uid ?? '');
    }
    if (current.metadata.deletionTimestamp && finalizers.length === (current.metadata.finalizers ?? []).length) return current;
    const next = this.#markDeleted(type, current, finalizers);
    if (options.dryRun) return next;
    return withTypeMeta(type, this.#deps.storage.put(storageKeyOf(type), next, current));
  }

  /** Graceful deletion: deletionTimestamp set, generation bumped, the object stays until finalized. */
  #markDeleted(type: ResourceType, current: KubeObject, finalizers: string[]): KubeObject {
    const next = clone(current);
    if (finalizers.length > 0) next.metadata.finalizers = finalizers;
    next.metadata.deletionTimestamp ??= timestamp(this.#deps.clock());
    next.metadata.deletionGracePeriodSeconds ??= 0;
    if (type.tracksGeneration && !current.metadata.deletionTimestamp) next.metadata.generation = (next.metadata.generation ?? 1) + 1;
    if (isNamespaceObject(type)) next.status = { ...(next.status as object), phase: 'Terminating' };
    return next;
  }

  #commit(type: ResourceType, current: KubeObject | undefined, next: KubeObject, options: WriteOptions): KubeObject {
    const name = next.metadata.name ?? '';
    if (current) {
      bumpGenerationIfNeeded(type, current, next);
      this.#checkFinalizersWhileDeleting(type, current, next);
    }
    const causes: StatusCause[] = [...metadataCauses(type, next.metadata), ...(type.validate?.(next, current) ?? [])];
    if (causes.length > 0) throw invalid(type, name, causes);
    for (const hook of this.#writeHooks) hook(type, current, next, options);
    if (current && isNoop(current, next) && sameOwnership(current, next)) return current;
    if (options.dryRun) return withTypeMeta(type, next);
    const key = storageKeyOf(type);
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !isNamespaceObject(type)) {
      return withTypeMeta(type, this.#deps.storage.remove(key, next));
    }
    return withTypeMeta(type, this.#deps.storage.put(key, next, current));
  }

  #checkResourceVersion(type: ResourceType, current: KubeObject, body: KubeObject): void {
    const rv = body.metadata?.resourceVersion;
    const name = current.metadata.name ?? '';
    if (rv === undefined || rv === '') {
      if (type.allowUnconditionalUpdate) return;
      throw invalid(type, name, [
        { reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' },
      ]);
    }
    if (rv !== current.metadata.resourceVersion) throw conflict(qualifiedResource(type), name, STALE_OBJECT);
  }

  #checkDeletePreconditions(type: ResourceType, current: KubeObject, options: DeleteOptions): void {
    const { uid, resourceVersion } = options.preconditions ?? {};
    const name = current.metadata.name ?? '';
    if (uid && uid !== current.metadata.uid) {
      throw conflict(
        qualifiedResource(type),
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        qualifiedResource(type),
        name,
        `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
  }

  #checkFinalizersWhileDeleting(type: ResourceType, current: KubeObject, next: KubeObject): void {
    if (!current.metadata.deletionTimestamp || addedFinalizers(current, next).length === 0) return;
    throw invalid(type, current.metadata.name ?? '', [
      {
        reason: 'FieldValueForbidden',
        message: 'Forbidden: no new finalizers can be added if the object is being deleted',
        field: 'metadata.finalizers',
      },
    ]);
  }

  #checkNamespaceOpen(type: ResourceType, obj: KubeObject): void {
    const ns = obj.metadata.namespace;
    if (!type.namespaced || !ns) return;
    const namespace = this.#deps.storage.get(NAMESPACES, undefined, ns);
    if (!namespace) throw notFound({ group: '', resource: 'namespaces' }, ns);
    if (namespace.metadata.deletionTimestamp) {
      throw forbidden(
        qualifiedResource(type),
        obj.metadata.name ?? '',
        `unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  #uniqueName(type: ResourceType, obj: KubeObject): string {
    let name = generatedName(obj.metadata.generateName ?? '');
    while (this.find(type, obj.metadata.namespace, name)) name = generatedName(obj.metadata.generateName ?? '');
    return name;
  }
}

function sameOwnership(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => (o.metadata.managedFields ?? []).map(({ time: _t, ...rest }) => rest);
  return isDeepStrictEqual(strip(a), strip(b));
}

/** The object's finalizers plus the one its propagation policy needs. */
function finalizersForDeletion(current: KubeObject, options: DeleteOptions): string[] {
  const finalizers = [...(current.metadata.finalizers ?? [])];
  const policy = options.propagationPolicy ?? (options.orphanDependents ? 'Orphan' : undefined);
  const extra = policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;
  if (extra && !finalizers.includes(extra)) finalizers.push(extra);
  return finalizers;
}

function scopeOf(type: ResourceType, namespace: string | undefined): string | undefined {
  return type.namespaced ? namespace : undefined;
}

function isNamespaceObject(type: ResourceType): boolean {
  return type.group === '' && type.plural === 'namespaces';
}
