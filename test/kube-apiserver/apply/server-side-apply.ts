// Server-side apply (application/apply-patch+yaml): merges the applied configuration into the
// live object, tracks field ownership per manager, reports conflicts (409) with other managers'
// fields unless forced, and removes fields the manager applied before but no longer does.
import { clone } from '../clone.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { qualifiedResource, type ObjectApi, type WriteOptions } from '../object-api.ts';
import { timestamp } from '../object-rules.ts';
import { isPlainObject } from '../patch/merge-patch.ts';
import { strategicMerge } from '../patch/strategic-merge.ts';
import { apiVersionOf, type KubeObject, type ResourceScope, type ResourceType } from '../types.ts';
import { describePath, fieldsOf, removeAt, sameValueAt, type FieldSet } from './field-set.ts';
import { entryFor, readOwnership, recordUpdate, writeOwnership, type Ownership } from './managed-fields.ts';

export interface ApplyOptions {
  fieldManager: string;
  force: boolean;
  dryRun: boolean;
}

interface Conflict {
  owner: Ownership;
  path: string;
}

function appliedObject(type: ResourceType, name: string, patch: unknown): KubeObject {
  if (!isPlainObject(patch)) throw badRequest('the applied configuration must be an object');
  if (patch.apiVersion !== apiVersionOf(type) || patch.kind !== type.kind) {
    throw badRequest(
      `the API version and kind in the applied configuration (${String(patch.apiVersion)}, ${String(patch.kind)}) do not match the request (${apiVersionOf(type)}, ${type.kind})`,
    );
  }
  const obj = clone(patch) as KubeObject;
  obj.metadata ??= {};
  if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  }
  obj.metadata.name = name;
  return obj;
}

function conflictError(type: ResourceType, name: string, conflicts: Conflict[]): ApiError {
  const causes = conflicts.map(({ owner, path }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${owner.manager}"${owner.operation === 'Update' ? ` using ${owner.apiVersion}` : ''}`,
    field: describePath(path),
  }));
  const noun = conflicts.length === 1 ? 'conflict' : 'conflicts';
  const message = `Apply failed with ${conflicts.length} ${noun}: ${causes.map((c) => `${c.message}: ${c.field}`).join('\n')}`;
  return new ApiError(409, 'Conflict', message, { name, ...(type.group ? { group: type.group } : {}), kind: type.plural, causes });
}

function findConflicts(
  owners: Ownership[],
  mine: Ownership,
  applied: { fields: FieldSet; obj: KubeObject },
  current: KubeObject,
): Conflict[] {
  const conflicts: Conflict[] = [];
  // A manager never conflicts with itself (its own Update entry included).
  for (const owner of owners.filter((o) => o.manager !== mine.manager)) {
    for (const path of applied.fields) {
      if (owner.fields.has(path) && !sameValueAt(applied.obj, current, path)) conflicts.push({ owner, path });
    }
  }
  return conflicts;
}

export class ServerSideApply {
  readonly #api: ObjectApi;
  readonly #clock: () => Date;

  constructor(deps: { api: ObjectApi; clock: () => Date }) {
    this.#api = deps.api;
    this.#clock = deps.clock;
    deps.api.onWrite((type, current, next, options) => this.#track(type, current, next, options));
  }

  apply(route: ResourceScope, name: string, patch: unknown, options: ApplyOptions): KubeObject {
    const { type, namespace, subresource } = route;
    const applied = appliedObject(type, name, patch);
    const fields = fieldsOf(applied, type.listMapKeys, subresource === 'status' ? 'status' : 'main');
    const template = {
      manager: options.fieldManager,
      operation: 'Apply' as const,
      subresource,
      apiVersion: apiVersionOf(type),
      time: timestamp(this.#clock()),
    };
    const current = this.#api.find(type, namespace, name);
    const write: WriteOptions = { fieldManager: options.fieldManager, dryRun: options.dryRun, subresource };
    if (!current) {
      if (subresource) throw notFound(qualifiedResource(type), name);
      write.managedFields = writeOwnership([{ ...template, fields }]);
      return this.#api.create(type, namespace, applied, write);
    }
    const owners = readOwnership(current);
    const mine = entryFor(owners, template);
    const conflicts = findConflicts(owners, mine, { fields, obj: applied }, current);
    if (conflicts.length > 0 && !options.force) throw conflictError(type, name, conflicts);
    for (const { owner, path } of conflicts) owner.fields.delete(path);
    const merged = strategicMerge(current, applied, type.listMapKeys) as KubeObject;
    const sharedElsewhere = (path: string): boolean => owners.some((o) => o !== mine && o.fields.has(path));
    for (const path of mine.fields) if (!fields.has(path) && !sharedElsewhere(path)) removeAt(merged, path);
    mine.fields = fields;
    write.managedFields = writeOwnership(owners);
    return this.#api.replaceFrom(type, current, merged, write);
  }

  #track(type: ResourceType, current: KubeObject | undefined, next: KubeObject, options: WriteOptions): void {
    if (options.managedFields) {
      next.metadata.managedFields = options.managedFields;
      return;
    }
    const template = {
      manager: options.fieldManager ?? 'unknown',
      subresource: options.subresource,
      apiVersion: apiVersionOf(type),
      time: timestamp(this.#clock()),
    };
    recordUpdate(current, next, type.listMapKeys, template);
  }
}
