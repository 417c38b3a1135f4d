// The Kubernetes API test server of bench/pool.ts, either in the bench process (in-process, as
// before) or in a child process of its own (bench/kube-apiserver-process.ts), behind one interface.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFor } from '../test/kube-apiserver/kubeconfig.ts';
import { DC, NAMESPACE, POOL_NAMESPACE, conversion, startApiServer } from '../test/operator/support/harness.ts';
import type { ApiServerRequest } from './kube-apiserver-process.ts';

export interface BenchApiServer {
  kubeConfig(namespace: string): KubeConfig;
  /** Waits for the pool Deployment the operator builds, then reports `replicas` ready pods on it. */
  markPoolReady(replicas: number): Promise<void>;
  createConversions(count: number, sourceUrl: string): Promise<void>;
  succeededCount(): Promise<number>;
  close(): Promise<void>;
}

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: POOL_NAMESPACE, name: 'docc2context-converter' };

export async function inProcessApiServer(historyLimit: number): Promise<BenchApiServer> {
  const kube = await startApiServer(historyLimit);
  // Counted as the changes happen: listing (and cloning) all N objects every 200 ms took ~10 % of
  // the bench process's CPU during the operator phase, away from the operator it measures.
  const succeeded = new Set<string>();
  kube.controls.onChange(({ object }) => {
    const phase = (object as { status?: { phase?: string } }).status?.phase;
    if (object.kind === DC.kind && object.metadata?.namespace === NAMESPACE && phase === 'Succeeded')
      succeeded.add(object.metadata.name ?? '');
  });
  return {
    kubeConfig: (namespace) => kube.kubeConfig(namespace),
    markPoolReady: async (replicas) => {
      await kube.store.waitFor(DEPLOYMENT, (d) => d !== undefined, { timeoutMs: 30_000 });
      kube.store.mutate(
        DEPLOYMENT,
        (d) => {
          d.status = { replicas, readyReplicas: replicas, availableReplicas: replicas };
        },
        'status',
      );
    },
    createConversions: async (count, sourceUrl) => {
      for (let i = 0; i < count; i++) kube.store.create({ ...conversion(`pool-${i}`, { source: { url: sourceUrl } }) } as never);
    },
    succeededCount: async () => succeeded.size,
    close: () => kube.close(),
  };
}

export async function childProcessApiServer(historyLimit: number): Promise<BenchApiServer> {
  const child = fork(path.join(import.meta.dirname, 'kube-apiserver-process.ts'), [], {
    env: { PATH: process.env.PATH ?? '', BENCH_HISTORY_LIMIT: String(historyLimit) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let pending: { resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`API server process exited with ${code}`)));
    child.on('message', (message: { ready?: string; result?: unknown; error?: string }) => {
      if (message.ready) resolve(message.ready);
      else if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result);
    });
  });
  // One request at a time: the bench never overlaps them.
  const ask = (request: ApiServerRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      pending = { resolve, reject };
      child.send(request);
    });
  return {
    kubeConfig: (namespace) => kubeConfigFor(url, namespace),
    markPoolReady: async (replicas) => void (await ask({ op: 'markPoolReady', replicas })),
    createConversions: async (count, sourceUrl) => void (await ask({ op: 'create', count, sourceUrl })),
    succeededCount: async () => (await ask({ op: 'succeeded' })) as number,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ op: 'close' });
      await exited;
    },
  };
}
