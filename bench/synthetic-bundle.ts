// The Swift benchmark's synthetic bundle (spec §8.3): ArticleReference plus a legacy article of
// a repeated seed sentence in up to 3 sections, sized so the bundle is about `megabytes` MB, and
// a catalog with an extra "Benchmark Payload" topic.
import fs from 'node:fs';
import path from 'node:path';

const SEED = 'docc2context benchmark payload keeps conversions deterministic and fast. ';
const PAYLOAD_ID = 'articlereference/documentation/articles/benchmark-payload';

export function buildSyntheticBundle(source: string, workDir: string, megabytes: number): string {
  const bundle = path.join(workDir, 'synthetic-fixture', 'ArticleReference-Benchmark.doccarchive');
  fs.rmSync(bundle, { recursive: true, force: true });
  fs.cpSync(source, bundle, { recursive: true });
  makeWritable(bundle);
  const catalogPath = path.join(bundle, 'data/documentation/articlereference.json');
  const catalog = JSON.parse(fs.readFileSync(catalogPath, 'utf8')) as { topics: { title: string; identifiers: string[] }[] };
  catalog.topics.push({ title: 'Benchmark Payload', identifiers: [PAYLOAD_ID] });
  fs.writeFileSync(catalogPath, JSON.stringify(catalog, null, 2));
  const target = megabytes * 1024 * 1024 - directorySize(bundle);
  fs.writeFileSync(path.join(bundle, 'data/documentation/articles/benchmark-payload.json'), payload(target));
  return bundle;
}

function payload(targetBytes: number): string {
  const entryBytes = JSON.stringify(SEED.trim()).length + 1;
  const perSection = Math.max(1, Math.floor((targetBytes - 200) / 3 / entryBytes));
  const sections = [1, 2, 3].map((index) => ({
    title: `Payload Section ${index}`,
    content: Array.from({ length: perSection }, () => SEED.trim()),
  }));
  return JSON.stringify({ identifier: PAYLOAD_ID, kind: 'article', title: 'Performance Benchmark Payload', sections });
}

/**
 * Docc2contextCore with `copies` extra copies of every page under `…/Docc2contextCore/CopyN/…`:
 * the same content, many more pages, to show that memory does not grow with the page count.
 */
export function buildManyPagesBundle(source: string, workDir: string, copies: number): string {
  const bundle = path.join(workDir, 'many-pages', `Docc2contextCore-x${copies + 1}.doccarchive`);
  fs.rmSync(bundle, { recursive: true, force: true });
  fs.cpSync(source, bundle, { recursive: true });
  makeWritable(bundle);
  const documentation = path.join(bundle, 'data/documentation/docc2contextcore');
  const pages = fs
    .readdirSync(documentation, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.json'));
  for (let copy = 1; copy <= copies; copy += 1) {
    for (const page of pages) {
      const text = fs.readFileSync(path.join(documentation, page), 'utf8');
      // DocC escapes "/" in its JSON as "\/".
      const moved = text.replaceAll('\\/documentation\\/Docc2contextCore\\/', `\\/documentation\\/Docc2contextCore\\/Copy${copy}\\/`);
      const target = path.join(documentation, `copy${copy}`, page);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, moved);
    }
  }
  return bundle;
}

export function directorySize(root: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function makeWritable(root: string): void {
  fs.chmodSync(root, 0o755);
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
}
