// Service benchmark (make bench-service): starts the converter (converter/app/main.ts, builtin
// engine, WORKERS=2) as a child process on loopback, drives POST /api/v1/convert with autocannon
// at concurrency 1, 2, 8 and 32 for each fixture zip, and reports conversions/s, p50/p95/p99
// latency and the server's peak RSS. It also measures the engine's in-process throughput on 2
// worker threads (converter/runner builtin) on the same inputs, zip in place and extracted, in
// rounds interleaved with service runs, and prints the service/engine ratio of the medians
// (target ≥ 0.8). BENCH_SCALE multiplies the request counts, BENCH_ROUNDS sets the rounds (3).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { inspectZip, unpackArchive, DEFAULT_ARCHIVE_LIMITS } from '../converter/archive/index.ts';
import { createBuiltinRunner } from '../converter/runner/index.ts';
import type { RunInput } from '../converter/runner/types.ts';
import { zipRunInput } from '../converter/conversion/pipeline.ts';
import { zipTree } from '../test/support/zip.ts';
import { freePort } from '../test/support/free-port.ts';
import { delay } from '../common/delay.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.resolve(ROOT, '../shared/fixtures');
const LEVELS = [1, 2, 8, 32];
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const WORKERS = 2;
/** Throughput is compared at this concurrency: enough to keep both workers and the queue busy. */
const RATIO_CONCURRENCY = 8;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');

interface Input {
  name: string;
  zip: Buffer;
  /** Requests per concurrency level (heavier archives get fewer). */
  amount: (concurrency: number) => number;
  /** Conversions per throughput sample of the ratio rounds: a few seconds' worth, so noise averages out. */
  ratioRequests: number;
}

interface Row {
  input: string;
  concurrency: number;
  requests: number;
  ok: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  peakRssMiB: number;
}

async function inputs(): Promise<Input[]> {
  const list: Input[] = [
    {
      name: 'SpecificationCore (2.1 MiB zip)',
      zip: fs.readFileSync(path.join(FIXTURES, 'service/SpecificationCore.doccarchive.zip')),
      amount: (c) => Math.max(4, c) * SCALE,
      ratioRequests: 8 * SCALE,
    },
  ];
  for (const name of ['Docc2contextCore', 'TutorialCatalog', 'ArticleReference']) {
    const zip = await zipTree(path.join(FIXTURES, 'docc2context', `${name}.doccarchive`), `${name}.doccarchive/`);
    const ratioRequests = (name === 'Docc2contextCore' ? 16 : 200) * SCALE;
    list.push({
      name: `${name} (${(zip.length / 1024).toFixed(0)} KiB zip)`,
      zip,
      amount: (c) => Math.max(16, 2 * c) * SCALE,
      ratioRequests,
    });
  }
  return list;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function startServer(base: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'converter/app/main.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ENGINE: 'builtin',
      WORKERS: String(WORKERS),
      QUEUE_SIZE: '64',
      CONVERSION_TIMEOUT_SECONDS: '600',
      REQUEST_TIMEOUT_SECONDS: '1200',
      LOG_LEVEL: 'warn',
      WORKSPACE_BASE_PATH: base,
      // Measure conversions, not cache hits or 429s (bench/store.ts measures those).
      CACHE_TTL_SECONDS: '0',
      RATE_LIMIT_ENABLED: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`converter exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, port };
    await delay(100);
  }
}

async function load(port: number, pid: number, input: Input, concurrency: number): Promise<Row> {
  const requests = input.amount(concurrency);
  const times: number[] = [];
  let ok = 0;
  let lastResponse = 0;
  let peak = rssKiB(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 50);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const options = {
      url: `http://127.0.0.1:${port}/api/v1/convert`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/zip' },
      body: input.zip,
      connections: concurrency,
      amount: requests,
      timeout: 1200,
      pipelining: 1,
    };
    const instance = autocannon(options, (error) => (error ? reject(error) : resolve()));
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) ok++;
      times.push(ms);
      lastResponse = performance.now();
    });
  });
  // autocannon notices `amount` on a 1 s ticker: time the level up to its last response instead.
  const seconds = (lastResponse - started) / 1000;
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  return {
    input: input.name,
    concurrency,
    requests,
    ok,
    perSecond: ok / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    peakRssMiB: peak / 1024,
  };
}

type EngineForm = 'zip' | 'directory';

/**
 * The engine alone on 2 worker threads, in this process: keeps the pool full with the same input,
 * given as the zip read in place (as the service does) or as an extracted directory.
 */
async function engineThroughput(input: Input, base: string, form: EngineForm, count: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(base, 'engine-'));
  const zipPath = path.join(dir, 'in.zip');
  fs.writeFileSync(zipPath, input.zip);
  const archive = await engineInput(zipPath, dir, form);
  const runner = createBuiltinRunner({ concurrency: WORKERS, queueLimit: count, warm: true });
  try {
    // Two warm-up rounds on every worker, so no measured conversion pays for JIT compilation.
    for (let round = 0; round < 2; round += 1) {
      await Promise.all(
        Array.from({ length: WORKERS }, (_, i) =>
          runner.run({ input: archive, outputZip: path.join(dir, `warm-${i}.zip`), options: {}, timeoutMs: 600_000 }),
        ),
      );
    }
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        runner.run({ input: archive, outputZip: path.join(dir, `out-${i}.zip`), options: {}, timeoutMs: 600_000 }),
      ),
    );
    return count / ((performance.now() - started) / 1000);
  } finally {
    await runner.close(10_000);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function engineInput(zipPath: string, dir: string, form: EngineForm): Promise<RunInput> {
  if (form === 'directory') {
    const { archiveDir } = await unpackArchive(zipPath, path.join(dir, 'x'), DEFAULT_ARCHIVE_LIMITS, 'rich');
    return { kind: 'directory', path: archiveDir };
  }
  const { root, index } = await inspectZip(zipPath, DEFAULT_ARCHIVE_LIMITS, 'rich');
  return zipRunInput(zipPath, root, DEFAULT_ARCHIVE_LIMITS, index);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-bench-service-'));
  const list = await inputs();
  const server = await startServer(base);
  const rows: Row[] = [];
  const ratios: string[] = [];
  try {
    for (const input of list) {
      for (const concurrency of LEVELS) rows.push(await load(server.port, server.child.pid!, input, concurrency));
      ratios.push(await compareWithEngine(server, input, base));
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    fs.rmSync(base, { recursive: true, force: true });
  }
  console.log(`\nService: POST /api/v1/convert, builtin engine, WORKERS=${WORKERS}, ${os.cpus().length} CPUs, Node ${process.version}\n`);
  console.log('| input | concurrency | requests | 200s | conversions/s | p50 ms | p95 ms | p99 ms | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.input} | ${r.concurrency} | ${r.requests} | ${r.ok} | ${fmt(r.perSecond, 2)} | ${fmt(r.p50, 0)} | ${fmt(r.p95, 0)} | ${fmt(r.p99, 0)} | ${fmt(r.peakRssMiB, 0)} |`,
    );
  }
  console.log(
    `\nService at concurrency ${RATIO_CONCURRENCY} against the engine in-process on ${WORKERS} worker threads (medians of ${ROUNDS} interleaved rounds; ratio against the faster engine form):\n`,
  );
  console.log('| input | engine, zip in place (conv/s) | engine, extracted directory (conv/s) | service (conv/s) | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  for (const line of ratios) console.log(line);
}

/** Rounds of engine (zip), engine (directory) and service, interleaved so drift hits all three alike. */
async function compareWithEngine(server: { port: number; child: ChildProcess }, input: Input, base: string): Promise<string> {
  const count = input.ratioRequests;
  const zip: number[] = [];
  const directory: number[] = [];
  const service: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    zip.push(await engineThroughput(input, base, 'zip', count));
    directory.push(await engineThroughput(input, base, 'directory', count));
    service.push((await load(server.port, server.child.pid!, { ...input, amount: () => count }, RATIO_CONCURRENCY)).perSecond);
  }
  const engine = Math.max(median(zip), median(directory));
  return `| ${input.name} | ${fmt(median(zip), 2)} | ${fmt(median(directory), 2)} | ${fmt(median(service), 2)} | ${fmt(median(service) / engine, 2)} |`;
}

await main();
