// managedFields bookkeeping: which manager owns which fields, per operation (Apply/Update) and
// subresource. Updates and patches take ownership of the fields they change from everyone.
import type { ManagedFieldsEntry, KubeObject } from '../types.ts';
import { fieldsOf, fromFieldsV1, sameValueAt, toFieldsV1, type FieldSet, type ListKeys } from './field-set.ts';

export interface Ownership {
  manager: string;
  operation: 'Apply' | 'Update';
  subresource?: string;
  apiVersion: string;
  time?: string;
  fields: FieldSet;
}

export function readOwnership(obj: KubeObject): Ownership[] {
  return (obj.metadata.managedFields ?? []).map((entry) => ({
    manager: entry.manager,
    operation: entry.operation,
    subresource: entry.subresource,
    apiVersion: entry.apiVersion,
    time: entry.time,
    fields: fromFieldsV1(entry.fieldsV1 ?? {}),
  }));
}

export function writeOwnership(owners: readonly Ownership[]): ManagedFieldsEntry[] {
  return owners
    .filter((o) => o.fields.size > 0)
    .map((o) => ({
      manager: o.manager,
      operation: o.operation,
      apiVersion: o.apiVersion,
      ...(o.time ? { time: o.time } : {}),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: toFieldsV1(o.fields),
      ...(o.subresource ? { subresource: o.subresource } : {}),
    }));
}

export function entryFor(owners: Ownership[], template: Omit<Ownership, 'fields'>): Ownership {
  let entry = owners.find(
    (o) => o.manager === template.manager && o.operation === template.operation && o.subresource === template.subresource,
  );
  if (!entry) owners.push((entry = { ...template, fields: new Set() }));
  entry.apiVersion = template.apiVersion;
  entry.time = template.time;
  return entry;
}

/** Fields whose value differs between two versions of an object (set, changed or removed). */
export function changedFields(before: KubeObject | undefined, after: KubeObject, listKeys: ListKeys, scope: 'main' | 'status'): FieldSet {
  const now = fieldsOf(after, listKeys, scope);
  const then = before ? fieldsOf(before, listKeys, scope) : new Set<string>();
  const changed: FieldSet = new Set();
  for (const path of now) if (!before || !sameValueAt(before, after, path)) changed.add(path);
  for (const path of then) if (!now.has(path)) changed.add(path);
  return changed;
}

/** Records a non-apply write: the manager takes every field it changed; removed fields are forgotten. */
export function recordUpdate(
  current: KubeObject | undefined,
  next: KubeObject,
  listKeys: ListKeys,
  template: Omit<Ownership, 'fields' | 'operation'>,
): void {
  const scope = template.subresource === 'status' ? 'status' : 'main';
  const owners = current ? readOwnership(current) : [];
  const changed = changedFields(current, next, listKeys, scope);
  const present = fieldsOf(next, listKeys, 'all');
  for (const owner of owners) {
    for (const path of changed) owner.fields.delete(path);
    for (const path of owner.fields) if (!present.has(path)) owner.fields.delete(path);
  }
  const mine = entryFor(owners, { ...template, operation: 'Update' });
  for (const path of changed) if (present.has(path)) mine.fields.add(path);
  next.metadata.managedFields = writeOwnership(owners);
}
