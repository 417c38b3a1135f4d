// Hostile-archive benchmark (make bench-hostile): starts the converter (converter/app/main.ts,
// builtin engine, WORKERS=2, MEMORY_LIMIT_BYTES=2 GiB as on a default pool pod) as a child
// process, posts each hostile archive of test/support/hostile-archives.ts at full attack scale,
// samples the whole process's RSS every 20 ms, and prints per case: the answer, its peak RSS vs the
// budget, and how long a normal conversion run alongside took vs the same conversion unloaded.
// Archive caps are opened wide (MAX_COMPRESSION_RATIO=1000) so the hostile inputs reach the engine.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hugeString, manyReferences, repeatedReference } from '../test/support/hostile-archives.ts';
import type { HostileArchive } from '../test/support/hostile-archives.ts';
import { zipBuffer, zipTree } from '../test/support/zip.ts';
import { freePort } from '../test/support/free-port.ts';
import { delay } from '../common/delay.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NORMAL = path.resolve(ROOT, '../shared/docc-corpus/slothcreator');
const MIB = 1024 * 1024;
const BUDGET = 2 * 1024 * MIB;

const CASES: Array<{ name: string; build: () => HostileArchive }> = [
  { name: 'one reference with a 100 KB abstract × 20,000', build: () => repeatedReference(20_000, 100_000) },
  { name: 'one 150 MB JSON string', build: () => hugeString(150 * MIB) },
  { name: 'one page with 1,000,000 references', build: () => manyReferences(1_000_000) },
  { name: 'one page with 120,000 references (just under the page limit)', build: () => manyReferences(120_000) },
];

async function startServer(base: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'converter/app/main.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ENGINE: 'builtin',
      WORKERS: '2',
      QUEUE_SIZE: '8',
      MEMORY_LIMIT_BYTES: String(BUDGET),
      MAX_COMPRESSION_RATIO: '1000',
      MAX_UPLOAD_SIZE_MB: '500',
      LOG_LEVEL: 'error',
      CONVERSION_TIMEOUT_SECONDS: '120',
      WORKSPACE_BASE_PATH: base,
      CACHE_TTL_SECONDS: '0',
      RATE_LIMIT_ENABLED: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`converter exited with ${child.exitCode}`);
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, port };
    await delay(100);
  }
}

/** Samples VmRSS of `pid` until stopped; resolves with the peak in bytes. */
function watchRss(pid: number): { stop: () => number } {
  let peak = 0;
  const sample = (): void => {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
  };
  sample();
  const timer = setInterval(sample, 20);
  return { stop: () => (clearInterval(timer), sample(), peak) };
}

async function post(port: number, zip: Buffer): Promise<{ status: number; code: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/convert`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/zip' },
    body: zip,
  });
  const body = Buffer.from(await response.arrayBuffer());
  const code = response.ok
    ? `${(body.length / MIB).toFixed(1)} MiB zip`
    : (JSON.parse(body.toString()) as { error: { code: string } }).error.code;
  return { status: response.status, code, ms: performance.now() - started };
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'));
  const server = await startServer(base);
  try {
    const normal = await zipTree(NORMAL, 'slothcreator.doccarchive/');
    await post(server.port, normal); // warm-up
    const unloaded = (await post(server.port, normal)).ms;
    console.log(
      `Budget ${mib(BUDGET)} (MEMORY_LIMIT_BYTES), WORKERS=2; normal conversion (SlothCreator) unloaded: ${unloaded.toFixed(0)} ms\n`,
    );
    console.log('| hostile case | zip | answer | peak RSS | of budget | normal alongside | ratio |');
    console.log('|---|---|---|---|---|---|---|');
    for (const { name, build } of CASES) {
      const zip = await zipBuffer(
        Object.fromEntries(Object.entries(build()).map(([file, content]) => [`Hostile.doccarchive/${file}`, content])),
      );
      const watch = watchRss(server.child.pid as number);
      const hostile = post(server.port, zip);
      await delay(200);
      const alongside = await post(server.port, normal);
      const answer = await hostile;
      const peak = watch.stop();
      const ratio = alongside.ms / unloaded;
      console.log(
        `| ${name} | ${(zip.length / 1024).toFixed(0)} KiB | ${answer.status} ${answer.code} (${(answer.ms / 1000).toFixed(1)} s) | ${mib(peak)} | ${((100 * peak) / BUDGET).toFixed(0)} % | ${alongside.ms.toFixed(0)} ms | ${ratio.toFixed(2)}× |`,
      );
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    fs.rmSync(base, { recursive: true, force: true });
  }
}

await main();
