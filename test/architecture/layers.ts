// The layer table of the product code, and the checker that holds every relative import to it
// (test/architecture/import-layers.test.ts). docs/where-code-goes.md explains the table.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Layer {
  name: string;
  /** Path prefixes relative to the repository root: a folder ends with '/', a file is named whole. */
  paths: string[];
  /** Higher layers may import lower ones; layers of the same rank never import each other. */
  rank: number;
  /** Which product this layer belongs to: converter and operator share only `common`. */
  side: 'common' | 'converter' | 'operator';
}

/** Layers of the same rank are siblings; these pairs are siblings across ranks too. */
export interface LayerTable {
  layers: Layer[];
  /** [from, to]: never, whatever the ranks (e.g. the HTTP app and the job API, wired together by app/). */
  forbidden: Array<[string, string]>;
}

export const LAYERS: LayerTable = {
  layers: [
    { name: 'common', paths: ['common/'], rank: 0, side: 'common' },
    { name: 'converter base', paths: ['converter/errors.ts', 'converter/clock.ts'], rank: 1, side: 'converter' },
    { name: 'archive', paths: ['converter/archive/'], rank: 2, side: 'converter' },
    { name: 'engine', paths: ['converter/engine/'], rank: 3, side: 'converter' },
    { name: 'runner', paths: ['converter/runner/'], rank: 4, side: 'converter' },
    { name: 'memory', paths: ['converter/memory/'], rank: 5, side: 'converter' },
    { name: 'fetch', paths: ['converter/fetch/'], rank: 5, side: 'converter' },
    { name: 'store', paths: ['converter/store/'], rank: 5, side: 'converter' },
    { name: 'observability', paths: ['converter/observability/'], rank: 5, side: 'converter' },
    { name: 'ratelimit', paths: ['converter/ratelimit/'], rank: 6, side: 'converter' },
    { name: 'conversion', paths: ['converter/conversion/'], rank: 7, side: 'converter' },
    { name: 'jobs', paths: ['converter/jobs/'], rank: 8, side: 'converter' },
    { name: 'converter config', paths: ['converter/config.ts'], rank: 9, side: 'converter' },
    { name: 'server', paths: ['converter/server/'], rank: 10, side: 'converter' },
    { name: 'composition root', paths: ['converter/app/'], rank: 11, side: 'converter' },
    { name: 'cli', paths: ['converter/cli/'], rank: 11, side: 'converter' },
    // The operator: generated types and the clock; the wire client; Kubernetes I/O and the pure pool
    // builders; its metrics; the controllers; the runtime and config; settings and help; the process edge.
    { name: 'operator api', paths: ['operator/api/'], rank: 1, side: 'operator' },
    { name: 'operator clock', paths: ['operator/clock.ts'], rank: 1, side: 'operator' },
    { name: 'dispatch', paths: ['operator/dispatch/'], rank: 2, side: 'operator' },
    { name: 'kube', paths: ['operator/kube/'], rank: 3, side: 'operator' },
    { name: 'pool', paths: ['operator/pool/'], rank: 3, side: 'operator' },
    { name: 'operator metrics', paths: ['operator/metrics.ts', 'operator/probes.ts'], rank: 4, side: 'operator' },
    { name: 'controllers', paths: ['operator/controllers/'], rank: 5, side: 'operator' },
    { name: 'operator runtime', paths: ['operator/runtime.ts'], rank: 6, side: 'operator' },
    { name: 'operator config', paths: ['operator/config.ts'], rank: 6, side: 'operator' },
    { name: 'operator settings', paths: ['operator/settings.ts', 'operator/help.ts'], rank: 7, side: 'operator' },
    { name: 'operator process', paths: ['operator/start.ts', 'operator/main.ts'], rank: 8, side: 'operator' },
  ],
  forbidden: [
    ['server', 'jobs'],
    ['jobs', 'server'],
  ],
};

export interface ImportEdge {
  /** Both relative to the repository root, '/'-separated. */
  from: string;
  to: string;
  /** The specifier as written. */
  specifier: string;
}

export function layerOf(table: LayerTable, file: string): Layer | undefined {
  let best: Layer | undefined;
  let bestLength = -1;
  for (const layer of table.layers) {
    for (const prefix of layer.paths) {
      const matches = prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix;
      if (matches && prefix.length > bestLength) {
        best = layer;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** Why this import breaks the table, or undefined when it keeps it. */
export function violationOf(table: LayerTable, edge: ImportEdge): string | undefined {
  const from = layerOf(table, edge.from);
  const to = layerOf(table, edge.to);
  const where = `${edge.from} imports '${edge.specifier}' (${edge.to})`;
  if (!from) return `${edge.from} is in no layer: add its folder to the table in test/architecture/layers.ts`;
  if (!to) return `${where}: the target is in no layer`;
  if (from === to) return undefined;
  if (from.side === 'common' && to.side !== 'common') return `${where}: common/ imports nothing from ${to.side}`;
  if (to.side !== 'common' && to.side !== from.side) return `${where}: ${from.side} and ${to.side} share only common/`;
  if (table.forbidden.some(([a, b]) => a === from.name && b === to.name)) return `${where}: ${from.name} never imports ${to.name}`;
  if (to.rank === from.rank) return `${where}: ${from.name} and ${to.name} are siblings and never import each other`;
  if (to.rank > from.rank) return `${where}: ${from.name} (layer ${from.rank}) imports ${to.name} (layer ${to.rank}), which is above it`;
  return undefined;
}

/** Every .ts file under `folders` (relative to `root`), '/'-separated, sorted. */
export function sourceFiles(root: string, folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const child = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) files.push(child);
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

/** The relative imports of one file: static, type-only, re-exports and dynamic import('...'). */
export function relativeImports(root: string, file: string): ImportEdge[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'))
    .map((specifier) => ({ from: file, specifier, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) }));
}

/** Every import of every file under `folders` that breaks the table, as readable lines. */
export function layerViolations(root: string, folders: string[], table: LayerTable = LAYERS): string[] {
  return sourceFiles(root, folders)
    .flatMap((file) => relativeImports(root, file))
    .map((edge) => violationOf(table, edge))
    .filter((violation): violation is string => violation !== undefined);
}
