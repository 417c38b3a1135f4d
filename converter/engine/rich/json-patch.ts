// The subset of JSON Patch (RFC 6902) that swift-docc writes into `variantOverrides`:
// add, replace and remove on JSON Pointer paths. Applied to a copy; a path that does not exist
// is skipped, because an override for a language is an extra, never a reason to fail a page.
import { isObject } from './types.ts';
import type { Json, JsonObject } from './types.ts';

export interface PatchOperation {
  op: string;
  path: string;
  value?: Json;
}

export function applyPatch(document: JsonObject, operations: readonly PatchOperation[]): JsonObject {
  const copy = structuredClone(document);
  for (const operation of operations) applyOperation(copy, operation);
  return copy;
}

function applyOperation(root: JsonObject, operation: PatchOperation): void {
  const keys = operation.path.split('/').slice(1).map(unescapePointer);
  const last = keys.pop();
  if (last === undefined) return;
  const parent = walk(root, keys);
  if (parent === undefined) return;
  if (Array.isArray(parent)) patchArray(parent, last, operation);
  else patchObject(parent, last, operation);
}

function walk(root: JsonObject, keys: string[]): Json[] | JsonObject | undefined {
  let current: Json | undefined = root;
  for (const key of keys) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return Array.isArray(current) || isObject(current) ? current : undefined;
}

function patchArray(target: Json[], key: string, operation: PatchOperation): void {
  const index = key === '-' ? target.length : Number(key);
  if (!Number.isInteger(index) || index < 0 || index > target.length) return;
  if (operation.op === 'remove') target.splice(index, 1);
  else if (operation.op === 'add') target.splice(index, 0, operation.value ?? null);
  else if (operation.op === 'replace') target[index] = operation.value ?? null;
}

function patchObject(target: JsonObject, key: string, operation: PatchOperation): void {
  if (operation.op === 'remove') delete target[key];
  else if (operation.op === 'add' || operation.op === 'replace') target[key] = operation.value ?? null;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
