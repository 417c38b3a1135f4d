// Whole-process rows of make bench-engine: what a user waits for, start-up included. The command
// (`node bin/docc2context.js`, the built bundle) against `node -e 0` for start-up, and against the
// whole-process floor (bench/floor-process.js: read + JSON.parse every input file, write the same
// files and bytes) for conversions. Runs alternate command/floor; medians. CPU time and peak RSS
// come from GNU time (/usr/bin/time) when the machine has it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(HERE, '../bin/docc2context.js');
const FLOOR = path.join(HERE, 'floor-process.js');
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export interface WholeProcessCase {
  name: string;
  input: string;
  output: 'dir' | 'zip';
  profile: 'swift-compat' | 'rich';
}

interface ProcessSample {
  ms: number;
  cpuMs: number | undefined;
  maxRssMb: number | undefined;
}

function timed(args: string[]): ProcessSample {
  const command = GNU_TIME ? [GNU_TIME, '-f', '%U %S %M', process.execPath, ...args] : [process.execPath, ...args];
  const started = performance.now();
  const result = spawnSync(command[0] as string, command.slice(1), { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`bench process failed: ${args.join(' ')}\n${result.stdout}${result.stderr}`);
  if (!GNU_TIME) return { ms, cpuMs: undefined, maxRssMb: undefined };
  const [user, system, maxRssKb] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, maxRssMb: (maxRssKb ?? 0) / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianOf(samples: ProcessSample[], key: 'cpuMs' | 'maxRssMb'): string {
  const values = samples.map((sample) => sample[key]).filter((value): value is number => value !== undefined);
  return values.length === 0 ? 'n/a' : median(values).toFixed(0);
}

function row(name: string, command: ProcessSample[], floor: ProcessSample[]): string[] {
  const commandMs = median(command.map((sample) => sample.ms));
  const floorMs = median(floor.map((sample) => sample.ms));
  return [
    name,
    commandMs.toFixed(0),
    floorMs.toFixed(0),
    `${(commandMs / floorMs).toFixed(2)}×`,
    `${medianOf(command, 'cpuMs')} / ${medianOf(floor, 'cpuMs')}`,
    `${medianOf(command, 'maxRssMb')} / ${medianOf(floor, 'maxRssMb')}`,
  ];
}

export function startUpRow(runs: number): string[] {
  const command: ProcessSample[] = [];
  const floor: ProcessSample[] = [];
  for (let run = 0; run < runs; run += 1) {
    command.push(timed([CLI, '--help']));
    floor.push(timed(['-e', '0']));
  }
  return row('`docc2context --help` vs `node -e 0`', command, floor);
}

/** `manifest`: the output's [path, size] list (of a directory run) for the floor to write. */
export function wholeProcessRow(work: string, benchCase: WholeProcessCase, manifest: string, runs: number): string[] {
  const command: ProcessSample[] = [];
  const floor: ProcessSample[] = [];
  for (let run = 0; run < runs; run += 1) {
    const out = path.join(work, `whole-${run}${benchCase.output === 'zip' ? '.zip' : ''}`);
    command.push(timed([CLI, benchCase.input, '--output', out, '--force', '--profile', benchCase.profile]));
    floor.push(timed([FLOOR, benchCase.input, `${out}-floor`, manifest]));
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(`${out}-floor`, { recursive: true, force: true });
  }
  return row(benchCase.name, command, floor);
}

export function printWholeProcessTable(rows: string[][]): void {
  const header = [
    'Whole process',
    'Command ms (median)',
    'Floor ms (median)',
    'Command ÷ floor',
    'CPU ms command / floor',
    'Peak RSS MB command / floor',
  ];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
