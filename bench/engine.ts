// make bench-engine: the engine against a floor (read + JSON.parse every input file, write the
// same files with the same byte counts) on Docc2contextCore and a synthetic 10 MB bundle (spec
// §8.3), and with the rich profile on the largest docc-corpus archives (slothcreator,
// hummingbird). Every run is a fresh child process, so wall time excludes start-up and peak RSS is the
// run's own. Runs alternate engine/floor to share the machine's noise. Usage: [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManyPagesBundle, buildSyntheticBundle, directorySize } from './synthetic-bundle.ts';
import type { WholeProcessCase } from './whole-process.ts';
import { printWholeProcessTable, startUpRow, wholeProcessRow } from './whole-process.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '../../shared/fixtures/docc2context');
const CORPUS = path.resolve(HERE, '../../shared/docc-corpus');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
/** `--whole-process-only`: skip the in-process rows (quicker while working on start-up or I/O). */
const WHOLE_PROCESS_ONLY = process.argv.includes('--whole-process-only');

interface Sample {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  files: number;
  bytes: number;
}

interface Case {
  name: string;
  input: string;
  output: 'dir' | 'zip';
  profile?: 'swift-compat' | 'rich';
}

function runChild(args: string[]): Sample {
  const result = spawnSync(process.execPath, [path.join(HERE, 'engine-child.ts'), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench child failed: ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function manifestOf(root: string): [string, number][] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return [path.relative(root, full), fs.statSync(full).size] as [string, number];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function countPages(root: string): number {
  return fs.readdirSync(path.join(root, 'data'), { recursive: true }).filter((name) => String(name).endsWith('.json')).length;
}

/** Converts once into a directory and writes the output's [path, size] list for the floor. */
function referenceManifest(work: string, name: string, input: string, profile: string): string {
  const reference = path.join(work, `${name}-reference`.replace(/\W+/g, '-'));
  runChild(['engine', input, reference, profile]);
  const manifestPath = path.join(work, `${name}-manifest.json`.replace(/[^\w.]+/g, '-'));
  fs.writeFileSync(manifestPath, JSON.stringify(manifestOf(reference)));
  fs.rmSync(reference, { recursive: true, force: true });
  return manifestPath;
}

function measure(work: string, benchCase: Case): string[] {
  const profile = benchCase.profile ?? 'swift-compat';
  const manifestPath = referenceManifest(work, benchCase.name, benchCase.input, profile);
  const engine: Sample[] = [];
  const floor: Sample[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const out = path.join(work, `run-${run}`);
    engine.push(runChild(['engine', benchCase.input, benchCase.output === 'zip' ? `${out}.zip` : out, profile]));
    floor.push(runChild(['floor', benchCase.input, `${out}-floor`, manifestPath]));
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(`${out}.zip`, { force: true });
    fs.rmSync(`${out}-floor`, { recursive: true, force: true });
  }
  const pages = countPages(benchCase.input);
  const megabytes = directorySize(benchCase.input) / 1024 / 1024;
  const engineMs = median(engine.map((sample) => sample.ms));
  const floorMs = median(floor.map((sample) => sample.ms));
  const engineCpu = median(engine.map((sample) => sample.cpuMs));
  const floorCpu = median(floor.map((sample) => sample.cpuMs));
  return [
    benchCase.name,
    String(pages),
    megabytes.toFixed(2),
    `${engine[0]?.files ?? 0} / ${((engine[0]?.bytes ?? 0) / 1024 / 1024).toFixed(2)} MB`,
    engineMs.toFixed(1),
    floorMs.toFixed(1),
    `${(engineMs / floorMs).toFixed(2)}×`,
    `${engineCpu.toFixed(0)} / ${floorCpu.toFixed(0)} (${(engineCpu / floorCpu).toFixed(2)}×)`,
    Math.round((pages / engineMs) * 1000).toLocaleString('en-US'),
    (megabytes / (engineMs / 1000)).toFixed(1),
    median(engine.map((sample) => sample.maxRssMb)).toFixed(0),
    median(floor.map((sample) => sample.maxRssMb)).toFixed(0),
  ];
}

function printTable(rows: string[][]): void {
  const header = [
    'Bundle',
    'Pages',
    'Input MB',
    'Output files / size',
    'Engine ms (median)',
    'Floor ms (median)',
    'Engine ÷ floor',
    'CPU ms engine / floor',
    'Pages/s',
    'MB/s',
    'Engine peak RSS MB',
    'Floor peak RSS MB',
  ];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-bench-engine-'));
try {
  const synthetic = buildSyntheticBundle(path.join(FIXTURES, 'ArticleReference.doccarchive'), work, 10);
  const core = path.join(FIXTURES, 'Docc2contextCore.doccarchive');
  const many = buildManyPagesBundle(core, work, 7);
  const cases: Case[] = [
    { name: 'Docc2contextCore (tree)', input: core, output: 'dir' },
    { name: 'Synthetic 10 MB (§8.3)', input: synthetic, output: 'dir' },
    { name: 'Docc2contextCore × 8 (many pages)', input: many, output: 'dir' },
    { name: 'Docc2contextCore → .zip', input: core, output: 'zip' },
    { name: 'slothcreator (rich)', input: path.join(CORPUS, 'slothcreator'), output: 'dir', profile: 'rich' },
    { name: 'hummingbird (rich)', input: path.join(CORPUS, 'hummingbird'), output: 'dir', profile: 'rich' },
  ];
  process.stdout.write(
    `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}, ${RUNS} runs per row\n\n`,
  );
  if (!WHOLE_PROCESS_ONLY) printTable(cases.map((benchCase) => measure(work, benchCase)));
  const sloth = path.join(CORPUS, 'slothcreator');
  const hummingbird = path.join(CORPUS, 'hummingbird');
  const wholeCases: WholeProcessCase[] = [
    // The corpus archives have no Info.plist, which swift-compat (like the Swift CLI) requires.
    { name: 'Docc2contextCore (swift-compat)', input: core, output: 'dir', profile: 'swift-compat' },
    { name: 'Docc2contextCore (rich)', input: core, output: 'dir', profile: 'rich' },
    { name: 'slothcreator (rich)', input: sloth, output: 'dir', profile: 'rich' },
    { name: 'hummingbird (rich)', input: hummingbird, output: 'dir', profile: 'rich' },
    { name: 'Docc2contextCore × 8 (swift-compat)', input: many, output: 'dir', profile: 'swift-compat' },
    { name: 'Docc2contextCore → .zip (swift-compat)', input: core, output: 'zip', profile: 'swift-compat' },
  ];
  process.stdout.write(`\nWhole processes (start-up included), load average ${os.loadavg()[0]?.toFixed(1)}:\n\n`);
  const wholeRows = [startUpRow(RUNS)];
  for (const wholeCase of wholeCases) {
    const manifest = referenceManifest(work, wholeCase.name, wholeCase.input, wholeCase.profile);
    wholeRows.push(wholeProcessRow(work, wholeCase, manifest, RUNS));
  }
  printWholeProcessTable(wholeRows);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
