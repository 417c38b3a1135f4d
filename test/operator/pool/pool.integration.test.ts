// The operator's converter pool against the Kubernetes API test server: the pool appears when
// the operator starts, deleted or hand-edited children come back, a configuration change rolls
// the pool without touching the replicas the HPA chose, optional kinds come and go.
import { expect } from 'chai';
import type { V1Deployment } from '@kubernetes/client-node';
import type { OperatorRuntime } from '../../../operator/runtime.ts';
import { SPEC_HASH_ANNOTATION } from '../../../operator/pool/meta.ts';
import type { KubeApiServer } from '../../kube-apiserver/server.ts';
import { SERVICE_MONITOR_CRD } from '../../kube-apiserver/test-helpers.ts';
import type { KubeObject } from '../../kube-apiserver/types.ts';
import { waitFor } from '../../kube-apiserver/wait-for.ts';
import { assertValidK8sObjects } from '../../support/k8s-schema.ts';
import { FakeConverter } from '../support/fake-converter.ts';
import { OperatorFleet, POOL_NAMESPACE, startApiServer } from '../support/harness.ts';

const NAME = 'docc2context-converter';
const REFS = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  service: { apiVersion: 'v1', kind: 'Service' },
  hpa: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  pdb: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  networkPolicy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  serviceMonitor: { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' },
} as const;
type Child = keyof typeof REFS;

function ref(child: Child, name = NAME): { apiVersion: string; kind: string; namespace: string; name: string } {
  return { ...REFS[child], namespace: POOL_NAMESPACE, name };
}

/** What the API server holds, minus the fields only the server writes, for schema validation. */
function asApplied(object: KubeObject): KubeObject {
  const { status: _status, metadata, ...rest } = object;
  const { managedFields: _m, uid: _u, resourceVersion: _r, generation: _g, creationTimestamp: _c, ...meta } = metadata;
  return { ...rest, metadata: meta };
}

describe('converter pool (Kubernetes API test server)', function () {
  this.timeout(30_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  const fleet = new OperatorFleet();

  beforeEach(async () => {
    kube = await startApiServer();
    await kube.addCrdFile(SERVICE_MONITOR_CRD);
    converter = await new FakeConverter().start();
  });

  afterEach(async () => {
    await fleet.stopAll();
    await converter.close();
    await kube.close();
  });

  const get = (child: Child): KubeObject | undefined => kube.store.get(ref(child));
  const appear = (child: Child, predicate: (o: KubeObject) => boolean = () => true): Promise<KubeObject | undefined> =>
    kube.store.waitFor(ref(child), (o) => o !== undefined && predicate(o), { timeoutMs: 10_000 });
  const start = (pool: Record<string, string> = {}): Promise<OperatorRuntime> => fleet.start(kube, converter.url, { pool });

  describe('when the operator starts', () => {
    it('creates the Deployment, Service, HPA and PDB, labelled, hashed and valid', async () => {
      await start();
      const children = await Promise.all((['deployment', 'service', 'hpa', 'pdb'] as const).map((child) => appear(child)));
      for (const child of children) {
        expect(child?.metadata.labels).to.include({
          'app.kubernetes.io/managed-by': 'docc2context-operator',
          'app.kubernetes.io/instance': NAME,
        });
        expect(child?.metadata.annotations?.[SPEC_HASH_ANNOTATION]).to.match(/^[0-9a-f]{16}$/);
      }
      assertValidK8sObjects(children.map((child) => asApplied(child as KubeObject)));
      expect(get('networkPolicy')).to.equal(undefined);
      expect(get('serviceMonitor')).to.equal(undefined);
    });

    it('owns every child by the operator Deployment, so deleting the operator removes the pool', async () => {
      const owner = kube.store.create<KubeObject>({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'docc2context-operator', namespace: POOL_NAMESPACE },
        spec: {
          selector: { matchLabels: { app: 'op' } },
          template: { metadata: { labels: { app: 'op' } }, spec: { containers: [{ name: 'operator', image: 'docc2context:0.1.0' }] } },
        },
      });
      const operator = await start({ POOL_OWNER_DEPLOYMENT: 'docc2context-operator' });
      const hpa = await appear('hpa');
      expect(hpa?.metadata.ownerReferences).to.deep.equal([
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'docc2context-operator', uid: owner.metadata.uid, controller: true },
      ]);
      await fleet.stop(operator);
      kube.store.delete(ref('deployment', 'docc2context-operator'));
      await waitFor(() => (['deployment', 'service', 'hpa', 'pdb'] as const).every((child) => get(child) === undefined), {
        timeoutMs: 10_000,
        description: 'pool garbage-collected',
      });
    });

    it('creates the NetworkPolicy and ServiceMonitor when configured, and removes them when turned off', async () => {
      const first = await start({ POOL_NETWORK_POLICY: 'true', POOL_SERVICE_MONITOR: 'true' });
      await Promise.all([appear('networkPolicy'), appear('serviceMonitor')]);
      await fleet.stop(first);
      await start();
      await waitFor(() => get('networkPolicy') === undefined && get('serviceMonitor') === undefined, {
        timeoutMs: 10_000,
        description: 'optional children removed',
      });
    });
  });

  describe('when the ServiceMonitor is asked for but its CRD is not installed', () => {
    it('still builds the rest of the pool and becomes ready', async () => {
      const bare = await startApiServer();
      try {
        const operator = await fleet.start(bare, converter.url, { pool: { POOL_SERVICE_MONITOR: 'true' } });
        await bare.store.waitFor(ref('pdb'), (o) => o !== undefined, { timeoutMs: 10_000 });
        await waitFor(() => operator.ready, { timeoutMs: 10_000, description: 'operator ready' });
        expect(bare.store.get(ref('deployment'))).to.not.equal(undefined);
        await fleet.stop(operator);
      } finally {
        await bare.close();
      }
    });
  });

  describe('when a child is deleted', () => {
    it('comes back', async () => {
      await start();
      const before = await appear('hpa');
      kube.store.delete(ref('hpa'));
      const after = await appear('hpa', (o) => o.metadata.uid !== before?.metadata.uid);
      expect(after?.spec).to.deep.include({ minReplicas: 2, maxReplicas: 10 });
    });
  });

  describe('when the Deployment is edited by hand', () => {
    it('restores what the operator set, keeps what it did not, and leaves the replicas to the HPA', async () => {
      await start();
      await appear('deployment');
      kube.store.mutate<V1Deployment>(ref('deployment'), (d) => {
        d.spec!.replicas = 5;
        d.spec!.template.spec!.containers[0].image = 'attacker/miner:latest';
        d.metadata!.annotations = { ...d.metadata!.annotations, 'example.com/note': 'kept' };
      });
      const restored = (await appear(
        'deployment',
        (o) => (o as unknown as V1Deployment).spec?.template.spec?.containers[0].image === 'docc2context:0.1.0',
      )) as unknown as V1Deployment;
      expect(restored.spec?.replicas).to.equal(5);
      expect(restored.metadata?.annotations?.['example.com/note']).to.equal('kept');
    });
  });

  describe('when the pool has converged', () => {
    it('writes nothing more: API-server defaults and status changes cause no updates', async () => {
      await start();
      await appear('pdb');
      await waitFor(() => kube.controls.requests.count({ verb: 'create', namespace: POOL_NAMESPACE }) >= 4, { timeoutMs: 10_000 });
      kube.store.mutate<V1Deployment>(
        ref('deployment'),
        (d) => {
          d.status = { replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 };
        },
        'status',
      );
      // The status change is seen (capacity follows it: 4 per ready pod), then the pool is left alone.
      await waitFor(() => fleet.running[0].controller.capacity === 8, { timeoutMs: 10_000, description: 'capacity 8' });
      kube.controls.requests.resetCounts();
      kube.store.mutate<V1Deployment>(
        ref('deployment'),
        (d) => {
          d.status = { ...d.status, readyReplicas: 1 };
        },
        'status',
      );
      await waitFor(() => fleet.running[0].controller.capacity === 4, { timeoutMs: 10_000, description: 'capacity 4' });
      expect(kube.controls.requests.count({ verb: 'update', namespace: POOL_NAMESPACE })).to.equal(0);
      expect(kube.controls.requests.count({ verb: 'create', namespace: POOL_NAMESPACE })).to.equal(0);
    });
  });

  describe('when the configuration changes', () => {
    it('rolls the pool: a new pod template, the HPA replicas kept, unaffected children untouched', async () => {
      const first = await start();
      const before = (await appear('deployment')) as unknown as V1Deployment;
      const service = await appear('service');
      kube.store.mutate<V1Deployment>(ref('deployment'), (d) => {
        d.spec!.replicas = 4;
      });
      await fleet.stop(first);
      await start({ POOL_CPU_LIMIT: '4', POOL_CPU_REQUEST: '2' });
      const rolled = (await appear(
        'deployment',
        (o) =>
          (o as unknown as V1Deployment).spec?.template.spec?.containers[0].env?.some((e) => e.name === 'WORKERS' && e.value === '4') ??
          false,
      )) as unknown as V1Deployment;
      expect(rolled.metadata?.generation).to.be.greaterThan(before.metadata?.generation ?? 0);
      expect(rolled.metadata?.annotations?.[SPEC_HASH_ANNOTATION]).to.not.equal(before.metadata?.annotations?.[SPEC_HASH_ANNOTATION]);
      expect(rolled.spec?.replicas).to.equal(4);
      expect(rolled.spec?.template.spec?.containers[0].resources?.limits).to.deep.equal({ cpu: '4', memory: '2Gi' });
      expect(get('service')?.metadata.resourceVersion).to.equal(service?.metadata.resourceVersion);
    });
  });
});
