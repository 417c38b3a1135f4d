// JSON patch (RFC 6902): add, remove, replace, move, copy, test on JSON pointers (RFC 6901).
import { clone } from '../clone.ts';
import { isDeepStrictEqual } from 'node:util';

export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer: "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function child(node: unknown, token: string, pointer: string): unknown {
  if (Array.isArray(node)) return node[Number(token)];
  if (node && typeof node === 'object') return (node as Record<string, unknown>)[token];
  throw new JsonPatchError(`doc is missing path: "${pointer}"`);
}

function resolveParent(doc: unknown, pointer: string): { parent: Container; key: string } {
  const tokens = parsePointer(pointer);
  const key = tokens.pop();
  if (key === undefined) throw new JsonPatchError('cannot address the document root');
  let node = doc;
  for (const token of tokens) node = child(node, token, pointer);
  if (!node || typeof node !== 'object') throw new JsonPatchError(`doc is missing path: "${pointer}"`);
  return { parent: node as Container, key };
}

function arrayIndex(arr: unknown[], key: string, forInsert: boolean, pointer: string): number {
  const index = key === '-' && forInsert ? arr.length : Number(key);
  const max = forInsert ? arr.length : arr.length - 1;
  if (!/^(\d+|-)$/.test(key) || index > max) throw new JsonPatchError(`index out of range in path: "${pointer}"`);
  return index;
}

function getAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of parsePointer(pointer)) node = child(node, token, pointer);
  if (node === undefined) throw new JsonPatchError(`doc is missing path: "${pointer}"`);
  return node;
}

function add(doc: unknown, pointer: string, value: unknown): void {
  const { parent, key } = resolveParent(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, pointer), 0, clone(value));
  else parent[key] = clone(value);
}

function remove(doc: unknown, pointer: string): unknown {
  const { parent, key } = resolveParent(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false, pointer), 1)[0];
  if (!(key in parent)) throw new JsonPatchError(`doc is missing path: "${pointer}"`);
  const old = parent[key];
  delete parent[key];
  return old;
}

function applyOne(doc: unknown, op: Operation): void {
  switch (op.op) {
    case 'add':
      return add(doc, op.path, op.value);
    case 'remove':
      remove(doc, op.path);
      return;
    case 'replace':
      remove(doc, op.path);
      return add(doc, op.path, op.value);
    case 'move':
      return add(doc, op.path, remove(doc, op.from ?? ''));
    case 'copy':
      return add(doc, op.path, getAt(doc, op.from ?? ''));
    case 'test':
      if (!isDeepStrictEqual(getAt(doc, op.path), op.value)) throw new JsonPatchError(`testing value ${op.path} failed`);
      return;
    default:
      throw new JsonPatchError(`unexpected kind: ${op.op}`);
  }
}

export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new JsonPatchError('a JSON patch must be an array of operations');
  const doc = { root: clone(target) };
  for (const op of operations as Operation[]) {
    applyOne(doc, { ...op, path: `/root${op.path}`, from: op.from === undefined ? undefined : `/root${op.from}` });
  }
  return doc.root;
}
