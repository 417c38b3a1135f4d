// make bench-operator, second part: N DocConversions through a managed pool of 2 real converter
// processes (builtin engine, WORKERS=1 each, the result cache off so every job converts, Redis
// shared so a poll may land on either process) behind one address (bench/round-robin-proxy.ts,
// standing in for the pool's Service), against the same N jobs sent straight to those converters
// in the same run by a client that keeps each converter exactly as busy as its workers allow.
// The operator runs in the bench process with its production settings (the Kubernetes API test
// server in a child process by default, BENCH_POOL_APISERVER=inprocess to share it), pool management on, and the pool
// Deployment reporting 2 ready pods, so dispatch capacity = 2 × 2. Prints both rates and their ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../common/logger.ts';
import { loadConfig } from '../operator/config.ts';
import { buildJobRequest } from '../operator/controllers/docconversion/request.ts';
import { ConversionClient } from '../operator/dispatch/client.ts';
import { createOperatorMetrics } from '../operator/metrics.ts';
import { OperatorRuntime } from '../operator/runtime.ts';
import { runtimeSettings } from '../operator/settings.ts';
import { zipUnder } from '../test/converter/server/support-e2e.ts';
import { FixtureServer } from '../test/operator/support/fixture-server.ts';
import { NAMESPACE, POOL_NAMESPACE, conversion } from '../test/operator/support/harness.ts';
import { DOCC_FIXTURES, REPO_ROOT } from '../test/support/paths.ts';
import { childProcessApiServer, inProcessApiServer } from './pool-apiserver.ts';
import { RoundRobinProxy } from './round-robin-proxy.ts';
import { freePort } from '../test/support/free-port.ts';
import { delay } from '../common/delay.ts';

const SIZE = Number(process.env.BENCH_POOL_SIZE ?? '1000');
const FIXTURE = process.env.BENCH_POOL_FIXTURE ?? 'TutorialCatalog';
const WORKERS_PER_CONVERTER = 1;
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? '1800');
// 'process' (default): the Kubernetes API test server in a child process, as a real one is not
// in the operator's process; 'inprocess': in the bench process (rows before 2026-12-03 evening).
const API_SERVER = process.env.BENCH_POOL_APISERVER === 'inprocess' ? 'inprocess' : 'process';

async function startConverterProcess(port: number, workspace: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'converter', 'server', 'main.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ENGINE: 'builtin',
      WORKERS: String(WORKERS_PER_CONVERTER),
      QUEUE_SIZE: String(2 * WORKERS_PER_CONVERTER),
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: prefix,
      CACHE_TTL_SECONDS: '0',
      OUTBOUND_ALLOW_LIST: '127.0.0.1',
      RATE_LIMIT_REQUESTS: '1000000',
      JOB_POLL_MS: '20',
      WORKSPACE_BASE_PATH: workspace,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await delay(100);
  }
  throw new Error(`converter on ${port} did not become ready`);
}

/** Samples both converters' in-flight and queued gauges until stopped: how often one idled while the other had work waiting. */
function sampleBalance(ports: number[]): () => Promise<string> {
  let samples = 0;
  let unbalanced = 0;
  let busy = 0;
  let stopped = false;
  const gauge = (text: string, name: string): number =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${name} `))
        ?.split(' ')[1] ?? '0',
    );
  const loop = (async (): Promise<void> => {
    while (!stopped) {
      const states = await Promise.all(
        ports.map(async (port) => {
          const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          return { running: gauge(text, 'docc2context_conversions_in_flight'), queued: gauge(text, 'docc2context_conversions_queued') };
        }),
      );
      samples += 1;
      busy += states.reduce((sum, state) => sum + state.running, 0);
      if (states.some((a) => a.running === 0) && states.some((b) => b.queued > 0)) unbalanced += 1;
      await delay(50);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return `${((100 * unbalanced) / Math.max(samples, 1)).toFixed(0)} % of samples one converter idle while the other queued; ${(busy / Math.max(samples, 1)).toFixed(2)} conversions running on average`;
  };
}

/** N jobs straight to the converters: one lane per worker, each lane bound to one converter. */
async function direct(ports: number[], sourceUrl: string, label: string, size = SIZE): Promise<number> {
  const clients = ports.map(
    (port) => new ConversionClient({ baseUrl: `http://127.0.0.1:${port}`, requestTimeoutMs: 10_000, maxResultBytes: 64 * 1024 * 1024 }),
  );
  let next = 0;
  const lane = async (client: ConversionClient): Promise<void> => {
    while (next < size) {
      const i = next++;
      const request = buildJobRequest(conversion(`${label}-${i}`, { source: { url: sourceUrl } }), `${label}-${i}`);
      let job = await client.submit(request, { timeoutMs: 600_000 });
      while (job.state === 'running') {
        await delay(20);
        job = (await client.get(request.id)) ?? job;
      }
      if (job.state !== 'succeeded') throw new Error(`job ${request.id} ${job.state}`);
    }
  };
  const started = performance.now();
  await Promise.all(clients.flatMap((client) => Array.from({ length: WORKERS_PER_CONVERTER }, () => lane(client))));
  return (performance.now() - started) / 1000;
}

/** N DocConversions through the operator and the proxy; seconds until all Succeeded. */
async function throughOperator(proxyUrl: string, sourceUrl: string): Promise<{ seconds: number; succeeded: number; capacity: number }> {
  const kube = API_SERVER === 'inprocess' ? await inProcessApiServer(SIZE * 12) : await childProcessApiServer(SIZE * 12);
  const config = loadConfig({
    POD_NAMESPACE: POOL_NAMESPACE,
    LEADER_ELECT: 'false',
    POOL_CPU_REQUEST: '1',
    POOL_CPU_LIMIT: String(WORKERS_PER_CONVERTER),
    MAX_CONCURRENT_RECONCILES: '16',
    WORKQUEUE_QPS: '1000',
    WORKQUEUE_BURST: '1000',
  });
  const settings = { ...runtimeSettings(config), converterUrl: proxyUrl };
  const runtime = new OperatorRuntime(
    { kc: kube.kubeConfig(NAMESPACE), logger: silentLogger(), metrics: createOperatorMetrics({ defaultMetrics: false }) },
    settings,
  );
  try {
    await runtime.start();
    await kube.markPoolReady(2);
    // Two ready pods × conversions per pod (one running and one waiting per worker).
    while (runtime.controller.capacity !== 2 * 2 * WORKERS_PER_CONVERTER) await delay(20);
    const started = performance.now();
    await kube.createConversions(SIZE, sourceUrl);
    let done = 0;
    while (done < SIZE && performance.now() - started < MAX_SECONDS * 1000) {
      await delay(200);
      done = await kube.succeededCount();
    }
    return { seconds: (performance.now() - started) / 1000, succeeded: done, capacity: runtime.controller.capacity };
  } finally {
    await runtime.stop();
    await kube.close();
  }
}

const workspace = await mkdtemp(path.join(tmpdir(), 'bench-pool-'));
const fixtures = await new FixtureServer().start();
const sourceUrl = fixtures.serve(
  '/archives/source.zip',
  await zipUnder(path.join(DOCC_FIXTURES, `${FIXTURE}.doccarchive`), `${FIXTURE}.doccarchive`),
);
const ports = [await freePort(), await freePort()];
const prefix = `bench-pool-${process.pid}:`;
const converters = await Promise.all(ports.map((port) => startConverterProcess(port, workspace, prefix)));
const proxy = await new RoundRobinProxy(ports).start();
try {
  await direct(ports, sourceUrl, 'warm-up', 10);
  let stop = sampleBalance(ports);
  const straight = await direct(ports, sourceUrl, 'direct');
  const straightBalance = await stop();
  stop = sampleBalance(ports);
  const pool = await throughOperator(proxy.url, sourceUrl);
  const poolBalance = await stop();
  const rate = (n: number, s: number): string => (n / s).toFixed(1);
  console.table([
    {
      path: 'straight to the 2 converters',
      conversions: SIZE,
      succeeded: SIZE,
      'time (s)': straight.toFixed(1),
      'conversions/s': rate(SIZE, straight),
    },
    {
      path: `DocConversions → operator (capacity ${pool.capacity}) → proxy → 2 converters`,
      conversions: SIZE,
      succeeded: pool.succeeded,
      'time (s)': pool.seconds.toFixed(1),
      'conversions/s': rate(pool.succeeded, pool.seconds),
    },
  ]);
  console.log(`Kubernetes API test server: ${API_SERVER === 'inprocess' ? 'in the bench process' : 'in a child process'}`);
  console.log(`operator path / direct: ${(pool.succeeded / pool.seconds / (SIZE / straight)).toFixed(2)}× (target ≥ 0.8×)`);
  console.log(
    `straight: ${straightBalance}\nthrough the operator: ${poolBalance}\nproxy connections per converter: ${[...proxy.connections.values()].join(' / ')}`,
  );
} finally {
  await proxy.close();
  for (const child of converters) child.kill('SIGTERM');
  await Promise.all(converters.map((child) => new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)))));
  await fixtures.close();
  await rm(workspace, { recursive: true, force: true });
}
