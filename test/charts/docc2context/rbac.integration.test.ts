// The chart's RBAC is exactly what the operator's code calls. The operator runs (as the e2e
// harness runs it: leader election on, every namespace watched) through a representative
// scenario against the Kubernetes API test server, which records every request (verb, group,
// resource, subresource, namespace, name). Then, over the chart's rendered ClusterRole, Role and
// bindings for the operator's ServiceAccount:
//   - every recorded call is allowed, in its namespace (or cluster-wide for list/watch);
//   - every granted (verb, group, resource) was called.
// The operator manages its converter pool in the scenario: with the NetworkPolicy and the
// ServiceMonitor on (created, a hand edit restored), then restarted with both off (deleted).
import { expect } from 'chai';
import type { OperatorRuntime } from '../../../operator/runtime.ts';
import type { KubeApiServer } from '../../kube-apiserver/server.ts';
import { waitFor } from '../../kube-apiserver/wait-for.ts';
import { FakeConverter } from '../../operator/support/fake-converter.ts';
import { DC, NAMESPACE, POOL_NAMESPACE, conversion, create, get, readSample, startApiServer, startOperator, waitForPhase } from '../../operator/support/harness.ts';
import { SERVICE_MONITOR_CRD } from '../../kube-apiserver/test-helpers.ts';
import { SPEC_HASH_ANNOTATION } from '../../../operator/pool/meta.ts';
import { makeZip } from '../../operator/support/zip.ts';
import { HELMS, RELEASE, assertToolsExtracted, helmTemplate, parseObjects, valueArgs } from '../../support/helm.ts';
import { allows, callKey, callOf, grantedKeys, grantsFor } from './rbac.ts';
import type { Call } from './rbac.ts';

const SERVICE_ACCOUNT = { name: 'docc2context-operator', namespace: RELEASE.namespace };
const POOL_ON = { POOL_NETWORK_POLICY: 'true', POOL_SERVICE_MONITOR: 'true', POOL_OWNER_DEPLOYMENT: 'docc2context-operator' };
const POOL_OFF = { ...POOL_ON, POOL_NETWORK_POLICY: 'false', POOL_SERVICE_MONITOR: 'false', POOL_HPA_ENABLED: 'false' };
/** Where the operator keeps a pool child of this kind (every child is named after the pool). */
const poolChild = (kind: { apiVersion: string; kind: string }): { apiVersion: string; kind: string; namespace: string; name: string } => ({ ...kind, namespace: POOL_NAMESPACE, name: 'docc2context-converter' });
const POOL_DEPLOYMENT = poolChild({ apiVersion: 'apps/v1', kind: 'Deployment' });
const POOL_CHILDREN = [
  { apiVersion: 'v1', kind: 'Service' }, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' }, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }, { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' },
];
/** Calls only a chart with that optional kind on may allow (list/watch/create/update of the kind). */
const OPTIONAL_KIND_CALLS = /^(list|watch|create|update) (networking\.k8s\.io\/networkpolicies|monitoring\.coreos\.com\/servicemonitors)$/;

/** Calls the API server's admission makes on the operator's behalf: blockOwnerDeletion needs `update <owner>/finalizers`. */
function impliedByOwnerReferences(kube: KubeApiServer): Call[] {
  const configMaps = kube.store.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NAMESPACE }) as unknown as { metadata: { ownerReferences?: { kind: string; name: string; blockOwnerDeletion?: boolean }[] } }[];
  return configMaps.flatMap((configMap) =>
    (configMap.metadata.ownerReferences ?? [])
      .filter((ref) => ref.blockOwnerDeletion && ref.kind === 'DocConversion')
      .map((ref) => ({ verb: 'update', group: 'docc2context.io', resource: 'docconversions/finalizers', namespace: NAMESPACE, name: ref.name })),
  );
}

describe('charts/docc2context RBAC against the operator’s calls', function () {
  this.timeout(60_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  let operator: OperatorRuntime | undefined;
  let calls: Call[];

  before(async () => {
    assertToolsExtracted();
    kube = await startApiServer();
    converter = await new FakeConverter({
      syncWaitMs: 100,
      behave: (request) => ('url' in request.source && request.source.url?.includes('broken') ? { error: { code: 'CORRUPT_ARCHIVE', message: 'not a zip', permanent: true } } : { delayMs: 300 }),
    }).start();
    const zip = makeZip({ 'SlothCreator.doccarchive/data/documentation/slothcreator.json': '{}' });
    kube.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'docc-user-docs-archive', namespace: NAMESPACE }, binaryData: { 'archive.zip': zip.toString('base64') } } as never);

    // Before the operator starts: an output ConfigMap it already owns (a restart after writing it) → get + update.
    const inline = create(kube, await readSample('configmap-source-configmap-output.yaml'));
    kube.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'docc-user-docs-markdown', namespace: NAMESPACE, ownerReferences: [{ apiVersion: DC.apiVersion, kind: DC.kind, name: inline.metadata?.name ?? '', uid: inline.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }] }, data: {} } as never);

    await kube.addCrdFile(SERVICE_MONITOR_CRD);
    kube.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'docc2context-operator', namespace: POOL_NAMESPACE }, spec: { selector: { matchLabels: { app: 'operator' } }, template: { metadata: { labels: { app: 'operator' } }, spec: { containers: [{ name: 'operator', image: 'docc2context:0.1.0' }] } } } } as never);

    kube.controls.requests.resetCounts();
    operator = await startOperator(kube, converter.url, { leaderElection: true, pool: POOL_ON });
    // One ready converter pod, so dispatch has capacity; then a hand edit the operator restores (update).
    await kube.store.waitFor(POOL_DEPLOYMENT, (d) => d !== undefined, { timeoutMs: 10_000 });
    kube.store.mutate<{ status?: object }>(POOL_DEPLOYMENT, (d) => { d.status = { replicas: 1, readyReplicas: 1 }; }, 'status');
    kube.store.mutate<{ spec: { template: { spec: { containers: { image: string }[] } } } }>(POOL_DEPLOYMENT, (d) => { d.spec.template.spec.containers[0].image = 'edited-by-hand'; });
    // Every other child gets a stale spec hash, as after an edit: the operator updates each.
    for (const child of POOL_CHILDREN) {
      const ref = poolChild(child);
      await kube.store.waitFor(ref, (o) => o !== undefined, { timeoutMs: 10_000 });
      kube.store.mutate<{ metadata: { annotations?: Record<string, string> } }>(ref, (o) => { o.metadata.annotations = { ...o.metadata.annotations, [SPEC_HASH_ANNOTATION]: 'stale' }; });
    }
    create(kube, await readSample('url-retain.yaml'));
    create(kube, conversion('broken', { source: { url: 'https://example.com/broken.zip' } }));
    create(kube, conversion('short-lived', { ttlSecondsAfterFinished: 1 }));
    create(kube, conversion('removed'));
    await Promise.all(['docc-user-docs', 'slothcreator', 'removed'].map((name) => waitForPhase(kube, name, ['Succeeded'])));
    await waitForPhase(kube, 'broken', ['Failed']);
    kube.store.delete({ ...DC, namespace: NAMESPACE, name: 'removed' });
    await waitFor(() => get(kube, 'removed') === undefined && get(kube, 'short-lived') === undefined, { timeoutMs: 15_000, description: 'finalizer removed and TTL deletion done' });
    const restored = (child: { apiVersion: string; kind: string }): boolean => (kube.store.get(poolChild(child)) as { metadata: { annotations?: Record<string, string> } } | undefined)?.metadata.annotations?.[SPEC_HASH_ANNOTATION] !== 'stale';
    await waitFor(() => POOL_CHILDREN.every(restored), { timeoutMs: 10_000, description: 'stale children updated' });
    await waitFor(() => (kube.store.get(POOL_DEPLOYMENT) as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0].image !== 'edited-by-hand', { timeoutMs: 10_000, description: 'hand edit restored' });
    await operator.stop();
    // Restarted with the optional kinds off: it deletes the HPA, NetworkPolicy and ServiceMonitor it made.
    operator = await startOperator(kube, converter.url, { leaderElection: true, pool: POOL_OFF });
    const optional = (kind: string, apiVersion: string): unknown => kube.store.get(poolChild({ apiVersion, kind }));
    await waitFor(() => optional('NetworkPolicy', 'networking.k8s.io/v1') === undefined && optional('ServiceMonitor', 'monitoring.coreos.com/v1') === undefined
      && optional('HorizontalPodAutoscaler', 'autoscaling/v2') === undefined, { timeoutMs: 10_000, description: 'optional kinds deleted' });
    await operator.stop();
    operator = undefined;
    calls = [...kube.controls.requests.requests().map(callOf), ...impliedByOwnerReferences(kube)];
  });

  after(async () => {
    await operator?.stop();
    await converter?.close();
    await kube?.close();
  });

  for (const scenario of [{ name: 'the defaults', files: [] as string[] }, { name: 'NetworkPolicy and monitoring on', files: ['ci/networkpolicy-monitoring-values.yaml'] }]) {
    describe(`with the chart rendered from ${scenario.name}`, () => {
      let grants: ReturnType<typeof grantsFor>;
      before(async () => {
        grants = grantsFor(parseObjects(await helmTemplate(HELMS[1], valueArgs(scenario.files))), SERVICE_ACCOUNT);
      });

      it('allows every call the operator made, in the namespace it made it', () => {
        expect(calls.length).to.be.greaterThan(10);
        const expected = scenario.files.length > 0 ? calls : calls.filter((call) => !OPTIONAL_KIND_CALLS.test(callKey(call)));
        const denied = [...new Set(expected.filter((call) => !allows(grants, call)).map((call) => `${callKey(call)} in ${call.namespace ?? '(cluster)'}`))];
        expect(denied).to.deep.equal([]);
      });

      it('grants nothing the operator never called', () => {
        const called = new Set(calls.map(callKey));
        const unused = [...grantedKeys(grants)].filter((key) => !called.has(key)).sort();
        expect(unused).to.deep.equal([]);
      });
    });
  }

  describe('when rendered with watched namespaces', () => {
    it('allows the namespaced calls there and nothing cluster-wide', async () => {
      const grants = grantsFor(parseObjects(await helmTemplate(HELMS[1], valueArgs([], [`operator.watchNamespaces={${NAMESPACE}}`]))), SERVICE_ACCOUNT);
      const list = { verb: 'list', group: 'docc2context.io', resource: 'docconversions' };
      expect(allows(grants, { ...list, namespace: NAMESPACE })).to.equal(true);
      expect(allows(grants, { ...list, namespace: 'elsewhere' })).to.equal(false);
      expect(allows(grants, list)).to.equal(false);
      expect(allows(grants, { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: RELEASE.namespace, name: 'docc2context-operator' })).to.equal(true);
    });
  });

  describe('when rendered with pool management on', () => {
    it('grants the pool kinds only in the release namespace', async () => {
      const grants = grantsFor(parseObjects(await helmTemplate(HELMS[1], valueArgs(['ci/networkpolicy-monitoring-values.yaml']))), SERVICE_ACCOUNT);
      const deployment = { verb: 'create', group: 'apps', resource: 'deployments', name: 'docc2context-converter' };
      expect(allows(grants, { ...deployment, namespace: RELEASE.namespace })).to.equal(true);
      expect(allows(grants, { ...deployment, namespace: NAMESPACE })).to.equal(false);
    });
  });
});

