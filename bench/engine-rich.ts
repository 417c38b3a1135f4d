// Benchmark (not a test): the rich profile on the largest docc-corpus archives, through the
// engine's public convertPath, against a floor measured in the same run — a script that only
// reads and JSON.parses every input JSON file and writes the same output tree (same files at the
// same paths, same sizes) the engine wrote. Target: median engine time within 2× of the median
// floor. Each run writes to a fresh directory, so neither side pays for deleting old output.
//   make bench-engine-rich            (RUNS=7 by default)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertPath } from '../converter/engine/index.ts';
import { CORPUS } from '../test/support/paths.ts';

const ARCHIVES = ['slothcreator', 'hummingbird'];
const RUNS = Number(process.argv[2] ?? 7);

function jsonFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.json')).map((file) => path.join(root, file));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface OutputFile {
  path: string;
  size: number;
}

function outputTree(root: string): OutputFile[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { path: path.relative(root, file), size: fs.statSync(file).size };
    });
}

/** Reads and parses every input file, then writes the engine's output tree with filler bytes. */
function floorRun(inputs: string[], out: string, tree: OutputFile[]): Timing {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const file of inputs) JSON.parse(fs.readFileSync(file, 'utf8'));
  const made = new Set<string>();
  for (const file of tree) {
    const target = path.join(out, file.path);
    const dir = path.dirname(target);
    if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
    fs.writeFileSync(target, 'x'.repeat(file.size));
  }
  return { ms: performance.now() - start, cpuMs: cpuSince(cpuStart) };
}

interface Timing {
  ms: number;
  /** User + system CPU of this process: far less sensitive than wall time to a busy machine. */
  cpuMs: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function engineRun(input: string, out: string): Promise<Timing & { files: number; bytes: number; pages: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const summary = await convertPath({
    inputPath: input,
    outputPath: out,
    force: true,
    options: { profile: 'rich', symbolLayout: 'tree', tutorialLayout: 'chapter', technologies: [] },
  });
  const ms = performance.now() - start;
  const cpuMs = cpuSince(cpuStart);
  const { counts } = summary;
  const pages = counts.articles + counts.symbols + counts.tutorials + counts.volumes;
  return { ms, cpuMs, files: summary.filesWritten, bytes: summary.bytesWritten, pages };
}

async function benchArchive(name: string, work: string): Promise<string[]> {
  const input = path.join(CORPUS, name);
  const inputs = jsonFiles(path.join(input, 'data'));
  const inputMb = inputs.reduce((sum, file) => sum + fs.statSync(file).size, 0) / 1e6;
  const engine: Timing[] = [];
  const floor: Timing[] = [];
  let last = { ms: 0, cpuMs: 0, files: 0, bytes: 0, pages: 0 };
  for (let run = 0; run <= RUNS; run += 1) {
    const engineOut = path.join(work, `${name}-out-${run}`);
    last = await engineRun(input, engineOut);
    const floorOut = path.join(work, `${name}-floor-${run}`);
    const floorTiming = floorRun(inputs, floorOut, outputTree(engineOut));
    fs.rmSync(engineOut, { recursive: true, force: true });
    fs.rmSync(floorOut, { recursive: true, force: true });
    if (run === 0) continue; // Warm-up: module loading and JIT.
    engine.push(last);
    floor.push(floorTiming);
  }
  const engineMs = median(engine.map((timing) => timing.ms));
  const floorMs = median(floor.map((timing) => timing.ms));
  // Best-case CPU: the least disturbed by other processes on a shared machine.
  const cpuRatio = Math.min(...engine.map((timing) => timing.cpuMs)) / Math.min(...floor.map((timing) => timing.cpuMs));
  return [
    name,
    String(inputs.length),
    inputMb.toFixed(2),
    String(last.files),
    (last.bytes / 1e6).toFixed(2),
    engineMs.toFixed(0),
    String(Math.round(inputs.length / (engineMs / 1000))),
    (inputMb / (engineMs / 1000)).toFixed(1),
    floorMs.toFixed(0),
    (engineMs / floorMs).toFixed(2),
    cpuRatio.toFixed(2),
    engineMs <= 2 * floorMs ? 'PASS' : 'FAIL',
  ];
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-bench-rich-'));
const rows: string[][] = [];
try {
  for (const name of ARCHIVES) rows.push(await benchArchive(name, work));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const header = ['archive', 'pages', 'input MB', 'files out', 'output MB', 'median ms', 'pages/s', 'MB/s', 'floor ms', 'wall ratio', 'min CPU ratio', 'wall ≤ 2× floor'];
const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
console.log(`Engine benchmark, rich profile: ${RUNS} runs after one warm-up, medians; Node ${process.version}, ${os.cpus().length} CPU(s)`);
console.log(`Peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log(table);
