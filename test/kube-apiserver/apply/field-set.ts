// Field sets as managedFields records them (FieldsV1): `f:<field>` for map fields,
// `k:{"name":"x"}` for elements of associative lists; other lists are atomic (owned as a whole).
// Internally a path is its segments joined by "\u0000", and a set is a Set of those strings.
import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from '../patch/merge-patch.ts';

export type ListKeys = Readonly<Record<string, readonly string[]>>;
export type FieldSet = Set<string>;

const SEP = '\u0000';
const SERVER_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'generateName',
]);

function elementSegment(element: Record<string, unknown>, keys: readonly string[]): string {
  return `k:${JSON.stringify(Object.fromEntries(keys.map((k) => [k, element[k]])))}`;
}

interface Walk {
  listKeys: ListKeys;
  out: FieldSet;
}

function walk(value: unknown, field: string, path: string[], ctx: Walk): void {
  const keys = ctx.listKeys[field];
  if (Array.isArray(value) && keys && value.every(isPlainObject)) {
    for (const element of value) walk(element, '', [...path, elementSegment(element, keys)], ctx);
    return;
  }
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) walk(child, key, [...path, `f:${key}`], ctx);
    return;
  }
  ctx.out.add(path.join(SEP));
}

/** Leaf fields set in an object, without type meta and server-owned metadata; `status` kept or excluded. */
export function fieldsOf(obj: Record<string, unknown>, listKeys: ListKeys, scope: 'main' | 'status' | 'all'): FieldSet {
  const out: FieldSet = new Set();
  const ctx: Walk = { listKeys, out };
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'apiVersion' || key === 'kind') continue;
    if ((scope === 'main' && key === 'status') || (scope === 'status' && key !== 'status')) continue;
    if (key === 'metadata' && isPlainObject(value)) {
      const meta = Object.fromEntries(Object.entries(value).filter(([k]) => !SERVER_META.has(k)));
      for (const [k, v] of Object.entries(meta)) walk(v, k, ['f:metadata', `f:${k}`], ctx);
    } else walk(value, key, [`f:${key}`], ctx);
  }
  return out;
}

function step(node: unknown, segment: string): unknown {
  if (segment.startsWith('f:')) return isPlainObject(node) ? node[segment.slice(2)] : undefined;
  const wanted = JSON.parse(segment.slice(2)) as Record<string, unknown>;
  return Array.isArray(node) ? node.find((e) => isPlainObject(e) && Object.entries(wanted).every(([k, v]) => e[k] === v)) : undefined;
}

export function valueAt(obj: unknown, path: string): unknown {
  return path.split(SEP).reduce(step, obj);
}

export function sameValueAt(a: unknown, b: unknown, path: string): boolean {
  return isDeepStrictEqual(valueAt(a, path), valueAt(b, path));
}

function isEmptied(child: unknown, segment: string): boolean {
  if (!isPlainObject(child)) return false;
  const keyFields = segment.startsWith('k:') ? Object.keys(JSON.parse(segment.slice(2)) as object) : [];
  return Object.keys(child).every((k) => keyFields.includes(k));
}

/** Removes the field at `path`, then the map entries and list elements it leaves empty. */
export function removeAt(obj: unknown, path: string): void {
  const segments = path.split(SEP);
  const parents = segments.slice(0, -1).reduce<unknown[]>((acc, seg) => [...acc, step(acc[acc.length - 1], seg)], [obj]);
  for (let i = segments.length - 1; i >= 0; i--) {
    const parent = parents[i];
    const segment = segments[i];
    const child = step(parent, segment);
    if (child === undefined) return;
    if (i < segments.length - 1 && !isEmptied(child, segment)) return;
    if (segment.startsWith('f:') && isPlainObject(parent)) delete parent[segment.slice(2)];
    else if (Array.isArray(parent)) parent.splice(parent.indexOf(child), 1);
  }
}

export function toFieldsV1(fields: FieldSet): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const path of [...fields].sort()) {
    let node = root;
    for (const segment of path.split(SEP)) {
      node = (node[segment] ??= segment.startsWith('k:') ? { '.': {} } : {}) as Record<string, unknown>;
    }
  }
  return root;
}

export function fromFieldsV1(tree: Record<string, unknown>, prefix: string[] = [], out: FieldSet = new Set()): FieldSet {
  const children = Object.entries(tree).filter(([key]) => key !== '.');
  if (children.length === 0 && prefix.length > 0) out.add(prefix.join(SEP));
  for (const [key, child] of children) fromFieldsV1(isPlainObject(child) ? child : {}, [...prefix, key], out);
  return out;
}

/** `.spec.replicas`, `.spec.containers[name="app"].image`: how conflicts name fields. */
export function describePath(path: string): string {
  return path
    .split(SEP)
    .map((segment) => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      const keys = JSON.parse(segment.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}
