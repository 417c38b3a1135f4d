// End-to-end rig on one machine: the Kubernetes API test server with the DocConversion CRD,
// a converter (the fake by default), and operators built exactly as main.ts builds them.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { silentLogger } from '../../../common/logger.ts';
import type { Logger } from '../../../common/logger.ts';
import { createOperatorMetrics } from '../../../operator/metrics.ts';
import { OperatorRuntime } from '../../../operator/runtime.ts';
import type { RuntimeSettings } from '../../../operator/runtime.ts';
import { derive } from '../../../operator/pool/derived.ts';
import { poolConfig } from '../pool/configs.ts';
import type { DocConversion } from '../../../operator/api/docconversion.generated.ts';
import { startKubeApiServer } from '../../kube-apiserver/server.ts';
import type { KubeApiServer } from '../../kube-apiserver/server.ts';
import { waitFor } from '../../kube-apiserver/wait-for.ts';
import { REPO_ROOT } from '../../support/paths.ts';

export const CRD_FILE = path.join(REPO_ROOT, 'crds', 'docconversion.yaml');
export const SAMPLES = path.join(REPO_ROOT, 'crds', 'samples');
export const NAMESPACE = 'docs';
export const DC = { apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion' } as const;

export async function startApiServer(historyLimit?: number): Promise<KubeApiServer> {
  return startKubeApiServer({ crdFiles: [CRD_FILE], namespaces: [NAMESPACE, 'docc2context-system'], historyLimit });
}

export interface OperatorOptions {
  identity?: string;
  leaderElection?: boolean;
  dispatchConcurrency?: number;
  workers?: number;
  logger?: Logger;
  fastPathMs?: number;
  /** Manage the converter pool, configured by these POOL_* variables (in docc2context-system); dispatch still goes to the converter URL. */
  pool?: Record<string, string>;
}

export const POOL_NAMESPACE = 'docc2context-system';

export function testSettings(converterUrl: string, options: OperatorOptions = {}): RuntimeSettings {
  const identity = options.identity ?? 'operator-0';
  return {
    converterUrl,
    requestTimeoutMs: 2000,
    maxResultBytes: 8 * 1024 * 1024,
    identity,
    controller: {
      namespaces: [],
      workers: options.workers ?? 4,
      maxConcurrentDispatches: options.dispatchConcurrency ?? 16,
      pollIntervalMs: 20,
      fastPathMs: options.fastPathMs ?? 50,
      policy: { retryBaseMs: 50, retryMaxMs: 200, finalizerTimeoutMs: 500 },
      informerBackoff: { initialMs: 20, maxMs: 200 },
      workQueue: { qps: 1000, burst: 1000 },
    },
    pool: options.pool ? poolSettings(options.pool) : undefined,
    leaderElection: options.leaderElection
      ? {
          namespace: 'docc2context-system',
          name: 'docc2context-operator',
          identity,
          leaseDurationMs: 1500,
          renewDeadlineMs: 1000,
          retryPeriodMs: 200,
          releaseOnStop: true,
        }
      : undefined,
  };
}

function poolSettings(env: Record<string, string>): RuntimeSettings['pool'] {
  const config = poolConfig({ POD_NAMESPACE: POOL_NAMESPACE, ...env });
  return { config, conversionsPerPod: derive(config).conversionsPerPod };
}

export async function startOperator(kube: KubeApiServer, converterUrl: string, options: OperatorOptions = {}): Promise<OperatorRuntime> {
  const metrics = createOperatorMetrics({ defaultMetrics: false });
  const runtime = new OperatorRuntime(
    { kc: kube.kubeConfig(NAMESPACE), logger: options.logger ?? silentLogger(), metrics },
    testSettings(converterUrl, options),
  );
  await runtime.start();
  return runtime;
}

/** The operators one test starts (replicas, restarts), stopped together in `afterEach`. */
export class OperatorFleet {
  readonly running: OperatorRuntime[] = [];

  async start(kube: KubeApiServer, converterUrl: string, options: OperatorOptions = {}): Promise<OperatorRuntime> {
    const started = await startOperator(kube, converterUrl, options);
    this.running.push(started);
    return started;
  }

  /** Stops one operator now, as a crash or a scale-down would. */
  async stop(target: OperatorRuntime): Promise<void> {
    this.running.splice(this.running.indexOf(target), 1);
    await target.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map((operator) => operator.stop()));
  }
}

export async function readSample(file: string): Promise<DocConversion> {
  return YAML.parse(await readFile(path.join(SAMPLES, file), 'utf8')) as DocConversion;
}

export function create(kube: KubeApiServer, object: DocConversion, namespace = NAMESPACE): DocConversion {
  return kube.store.create({ ...object, metadata: { ...object.metadata, namespace } } as never) as unknown as DocConversion;
}

export function conversion(name: string, spec: Partial<DocConversion['spec']> = {}): DocConversion {
  return { ...DC, metadata: { name, namespace: NAMESPACE }, spec: { source: { url: `https://example.com/${name}.zip` }, ...spec } };
}

export function get(kube: KubeApiServer, name: string, namespace = NAMESPACE): DocConversion | undefined {
  return kube.store.get({ ...DC, namespace, name }) as unknown as DocConversion | undefined;
}

export async function waitForPhase(kube: KubeApiServer, name: string, phases: string[], timeoutMs = 10_000): Promise<DocConversion> {
  await waitFor(() => phases.includes(get(kube, name)?.status?.phase ?? ''), { timeoutMs, description: `${name} in ${phases.join('/')}` });
  return get(kube, name) as DocConversion;
}

export function reasonOf(object: DocConversion | undefined): string | undefined {
  return object?.status?.conditions?.find((c) => c.type === 'Succeeded')?.reason;
}

export function eventsFor(kube: KubeApiServer, name: string): { type: string; reason: string; note: string }[] {
  return kube.store
    .list({ apiVersion: 'events.k8s.io/v1', kind: 'Event', namespace: NAMESPACE })
    .filter((event) => (event as { regarding?: { name?: string } }).regarding?.name === name) as never;
}
