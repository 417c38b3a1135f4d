// make bench-operator: N DocConversions against the Kubernetes API test server, with the
// operator in its own process (`node operator/main.ts`, as `make run-operator` runs it) and the
// fake converter of test/operator/support answering every job at once from its cache (it stands
// in for a pool that has every archive cached; it does no conversion work). Prints the time until
// all Succeeded, conversions/s, API requests per conversion by verb, and the operator's peak RSS.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeConverter } from '../test/operator/support/fake-converter.ts';
import { DC, NAMESPACE, conversion, startApiServer } from '../test/operator/support/harness.ts';
import { writeKubeconfig } from '../test/operator/support/kubeconfig.ts';
import { REPO_ROOT } from '../test/support/paths.ts';
import { delay } from '../common/delay.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
/** Stop waiting after this long and report how many finished (a loaded machine may need it). */
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? '1800');
/** V8 flags of the operator process, as the chart sets them (docs/operator.md, "Memory"). */
const OPERATOR_NODE_FLAGS = (process.env.OPERATOR_NODE_FLAGS ?? '--max-semi-space-size=1 --max-old-space-size=128')
  .split(' ')
  .filter(Boolean);

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? '0');
  return Math.round(kb / 1024);
}

async function run(size: number): Promise<Record<string, string | number>> {
  const kube = await startApiServer(size * 12);
  const converter = await new FakeConverter().start();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-operator-'));
  const kubeconfig = await writeKubeconfig(path.join(dir, 'kubeconfig'), kube.url);
  const child = spawn(process.execPath, [...OPERATOR_NODE_FLAGS, path.join(REPO_ROOT, 'operator', 'main.ts')], {
    env: {
      ...process.env,
      KUBECONFIG: kubeconfig,
      CONVERTER_URL: converter.url,
      LEADER_ELECT: 'false',
      LOG_LEVEL: 'error',
      PROBE_PORT: '0',
      METRICS_PORT: '0',
      DISPATCH_CONCURRENCY: '64',
      MAX_CONCURRENT_RECONCILES: '16',
      WORKQUEUE_QPS: '1000',
      WORKQUEUE_BURST: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    while (kube.controls.requests.count({ verb: 'watch' }) === 0) await delay(100);
    kube.controls.requests.resetCounts();
    const started = performance.now();
    for (let i = 0; i < size; i++) kube.store.create({ ...conversion(`bench-${i}`) } as never);
    let done = 0;
    while (done < size && performance.now() - started < MAX_SECONDS * 1000) {
      await delay(5000);
      done = kube.store
        .list({ ...DC, namespace: NAMESPACE })
        .filter((o) => (o as { status?: { phase?: string } }).status?.phase === 'Succeeded').length;
      console.error(
        `${size}: ${done} Succeeded after ${((performance.now() - started) / 1000).toFixed(0)} s, operator RSS peak ${await peakRssMb(child.pid ?? 0)} MB`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const counts = kube.controls.requests.counts();
    const perConversion = (prefix: string): number =>
      Object.entries(counts)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((sum, [, v]) => sum + v, 0) / Math.max(done, 1);
    const writes = perConversion('create') + perConversion('update') + perConversion('patch') + perConversion('delete');
    return {
      conversions: size,
      succeeded: done,
      'time (s)': seconds.toFixed(1),
      'conversions/s': (done / seconds).toFixed(1),
      'get/conv': perConversion('get').toFixed(2),
      'list+watch/conv': (perConversion('list') + perConversion('watch')).toFixed(4),
      'patch/conv': perConversion('patch').toFixed(2),
      'create (Events)/conv': perConversion('create').toFixed(2),
      'writes/conv': writes.toFixed(2),
      'operator peak RSS (MB)': await peakRssMb(child.pid ?? 0),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await converter.close();
    await kube.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const size of SIZES) {
  rows.push(await run(size));
  console.table(rows);
}
