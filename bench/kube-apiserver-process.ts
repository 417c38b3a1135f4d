// The Kubernetes API test server in its own process for bench/pool.ts (the default; see
// bench/pool-apiserver.ts): a real API server does not run on the converter pool's CPUs, so its
// cost per write (schema validation, managedFields, watch fan-out, the garbage collector's sweep)
// should not share the bench process's event loop with the operator. Driven over IPC: it sends
// { ready: url }, then one { result } or { error } per request.
import { inProcessApiServer } from './pool-apiserver.ts';

export type ApiServerRequest =
  { op: 'markPoolReady'; replicas: number } | { op: 'create'; count: number; sourceUrl: string } | { op: 'succeeded' } | { op: 'close' };

const kube = await inProcessApiServer(Number(process.env.BENCH_HISTORY_LIMIT ?? '12000'));

async function handle(request: ApiServerRequest): Promise<unknown> {
  switch (request.op) {
    case 'markPoolReady':
      return kube.markPoolReady(request.replicas);
    case 'create':
      return kube.createConversions(request.count, request.sourceUrl);
    case 'succeeded':
      return kube.succeededCount();
    case 'close':
      await kube.close();
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

process.on('message', (request: ApiServerRequest) => {
  handle(request).then(
    (result) => process.send?.({ result: result ?? null }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.send?.({ ready: kube.kubeConfig('default').getCurrentCluster()?.server });
