// Maps the Markdown files of a result to ConfigMap keys. Keys may only hold [-._a-zA-Z0-9]
// and at most 253 characters, so paths are mapped deterministically:
//   1. the leading `markdown/` folder is dropped;
//   2. `/` becomes `_`, and every other character outside [-.a-zA-Z0-9] becomes `-`;
//   3. when two paths map to the same key, or a key is too long, every affected key gets
//      `-` + the first 8 hex digits of the SHA-256 of its full path before its extension
//      (long keys are cut to make room).
// The mapping depends only on the set of paths, so reruns produce the same keys.
import { createHash } from 'node:crypto';

export const MAX_KEY_LENGTH = 253;

function baseKey(path: string): string {
  return path
    .replace(/^markdown\//, '')
    .replace(/\//g, '_')
    .replace(/[^-._a-zA-Z0-9]/g, '-');
}

function withDigest(key: string, path: string): string {
  const digest = createHash('sha256').update(path).digest('hex').slice(0, 8);
  const dot = key.lastIndexOf('.');
  const ext = dot > 0 && key.length - dot <= 10 ? key.slice(dot) : '';
  const stem = key.slice(0, key.length - ext.length).slice(0, MAX_KEY_LENGTH - ext.length - 9);
  return `${stem}-${digest}${ext}`;
}

/** path → key for every path; keys are unique and valid. */
export function configMapKeys(paths: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const path of paths) counts.set(baseKey(path), (counts.get(baseKey(path)) ?? 0) + 1);
  const keys = new Map<string, string>();
  for (const path of [...paths].sort()) {
    const key = baseKey(path);
    const clash = (counts.get(key) ?? 0) > 1 || key.length > MAX_KEY_LENGTH || key === '' || key === '.' || key === '..';
    keys.set(path, clash ? withDigest(key, path) : key);
  }
  return keys;
}

export function isMarkdownPath(path: string): boolean {
  return path.endsWith('.md') && !path.endsWith('/');
}
