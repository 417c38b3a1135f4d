// Strategic merge patch for the built-in kinds: like a merge patch, except lists with a merge key
// (containers by name, env by name, ports, conditions by type...) merge element by element, and
// the `$patch`, `$deleteFromPrimitiveList` and `$setElementOrder` directives work.
import { isPlainObject } from './merge-patch.ts';

/** Primitive lists whose patch strategy is "merge" (a set union), by field name. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);
const DELETE_FROM = '$deleteFromPrimitiveList/';

export type ListKeys = Readonly<Record<string, readonly string[]>>;

function sameKey(a: unknown, b: unknown, keys: readonly string[]): boolean {
  return isPlainObject(a) && isPlainObject(b) && keys.every((k) => a[k] === b[k]);
}

function mergeKeyedList(target: unknown[], patch: unknown[], keys: readonly string[], listKeys: ListKeys): unknown[] {
  if (patch.some((e) => isPlainObject(e) && e.$patch === 'replace')) {
    return patch.filter((e) => !(isPlainObject(e) && e.$patch === 'replace')).map((e) => structuredClone(e));
  }
  const result = structuredClone(target);
  for (const element of patch) {
    const index = result.findIndex((existing) => sameKey(existing, element, keys));
    if (isPlainObject(element) && element.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMerge(result[index], element, listKeys);
    else result.push(strategicMerge(undefined, element, listKeys));
  }
  return result;
}

function mergeList(field: string, target: unknown, patch: unknown[], listKeys: ListKeys): unknown[] {
  const current = Array.isArray(target) ? target : [];
  const keys = listKeys[field];
  if (keys && patch.every((e) => isPlainObject(e))) return mergeKeyedList(current, patch, keys, listKeys);
  if (MERGED_PRIMITIVE_LISTS.has(field)) return [...new Set([...current, ...patch])];
  return structuredClone(patch);
}

function applyDirectives(result: Record<string, unknown>, key: string, value: unknown): boolean {
  if (key.startsWith(DELETE_FROM)) {
    const field = key.slice(DELETE_FROM.length);
    const drop = new Set(Array.isArray(value) ? value : []);
    if (Array.isArray(result[field])) result[field] = (result[field] as unknown[]).filter((v) => !drop.has(v));
    return true;
  }
  return key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch';
}

export function strategicMerge(target: unknown, patch: unknown, listKeys: ListKeys): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  const result: Record<string, unknown> = isPlainObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (applyDirectives(result, key, value)) continue;
    if (value === null || (isPlainObject(value) && value.$patch === 'delete')) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(key, result[key], value, listKeys);
    else result[key] = strategicMerge(result[key], value, listKeys);
  }
  return result;
}
