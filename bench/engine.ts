// make bench-engine: the engine against a floor (read + JSON.parse every input file, write the
// same files with the same byte counts) on Docc2contextCore and a synthetic 10 MB bundle (spec
// §8.3). Every run is a fresh child process, so wall time excludes start-up and peak RSS is the
// run's own. Runs alternate engine/floor to share the machine's noise. Usage: [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManyPagesBundle, buildSyntheticBundle, directorySize } from './synthetic-bundle.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '../../shared/fixtures/docc2context');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

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

function measure(work: string, benchCase: Case): string[] {
  const reference = path.join(work, `${benchCase.name}-reference`.replace(/\W+/g, '-'));
  runChild(['engine', benchCase.input, reference]);
  const manifestPath = path.join(work, 'manifest.json');
  fs.writeFileSync(manifestPath, JSON.stringify(manifestOf(reference)));
  const engine: Sample[] = [];
  const floor: Sample[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const out = path.join(work, `run-${run}`);
    engine.push(runChild(['engine', benchCase.input, benchCase.output === 'zip' ? `${out}.zip` : out]));
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
  const header = ['Bundle', 'Pages', 'Input MB', 'Output files / size', 'Engine ms (median)', 'Floor ms (median)', 'Engine ÷ floor', 'CPU ms engine / floor', 'Pages/s', 'MB/s', 'Engine peak RSS MB', 'Floor peak RSS MB'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-bench-engine-'));
try {
  const synthetic = buildSyntheticBundle(path.join(FIXTURES, 'ArticleReference.doccarchive'), work, 10);
  const core = path.join(FIXTURES, 'Docc2contextCore.doccarchive');
  const cases: Case[] = [
    { name: 'Docc2contextCore (tree)', input: core, output: 'dir' },
    { name: 'Synthetic 10 MB (§8.3)', input: synthetic, output: 'dir' },
    { name: 'Docc2contextCore × 8 (many pages)', input: buildManyPagesBundle(core, work, 7), output: 'dir' },
    { name: 'Docc2contextCore → .zip', input: core, output: 'zip' },
  ];
  process.stdout.write(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}, ${RUNS} runs per row\n\n`);
  printTable(cases.map((benchCase) => measure(work, benchCase)));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
