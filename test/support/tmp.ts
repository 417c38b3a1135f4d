// A private temporary directory per test suite, removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  readonly path: string;
  join(...parts: string[]): string;
  remove(): void;
}

export function makeTempDir(label: string): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `d2c-${label}-`));
  return {
    path: dir,
    join: (...parts) => path.join(dir, ...parts),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every file (and empty directory, with a trailing "/") under `root`, sorted. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (relative: string): void => {
    const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    if (entries.length === 0 && relative !== '') out.push(`${relative}/`);
    for (const dirent of entries) {
      const name = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      if (dirent.isDirectory()) walk(name);
      else out.push(name);
    }
  };
  walk('');
  return out.sort();
}
