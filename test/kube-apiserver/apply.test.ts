import {
  AppsV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
  type V1Deployment,
} from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS, failure } from './test-helpers.ts';

const APPLY = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

function desired(
  replicas: number,
  containers = [{ name: 'app', image: 'example/app:1' }],
  labels: Record<string, string> = { app: 'pool' },
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'pool', namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'pool' } },
      template: { metadata: { labels: { app: 'pool' } }, spec: { containers } },
    },
  };
}

describe('kube-apiserver test server: server-side apply', () => {
  let server: KubeApiServer;
  let apps: AppsV1Api;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS] });
    apps = server.kubeConfig().makeApiClient(AppsV1Api);
  });

  afterEach(async () => {
    await server.close();
  });

  const apply = (body: V1Deployment, fieldManager: string, force = false): Promise<V1Deployment> =>
    apps.patchNamespacedDeployment({ namespace: 'default', name: 'pool', body, fieldManager, force }, APPLY);

  const managersOf = (obj: V1Deployment): string[] => (obj.metadata?.managedFields ?? []).map((m) => `${m.manager}/${m.operation}`);

  describe('when the object does not exist', () => {
    it('creates it, owned by the applying manager', async () => {
      const created = await apply(desired(2), 'operator');
      expect(created.spec?.replicas).to.equal(2);
      expect(created.metadata?.generation).to.equal(1);
      expect(managersOf(created)).to.deep.equal(['operator/Apply']);
      const fields = created.metadata?.managedFields?.[0].fieldsV1 as Record<string, Record<string, unknown>>;
      expect(fields['f:spec']).to.have.property('f:replicas');
    });
  });

  describe('when the same manager applies again', () => {
    it('changes its fields and removes those it no longer applies', async () => {
      await apply(desired(2, undefined, { app: 'pool', tier: 'web' }), 'operator');
      const updated = await apply(desired(3, undefined, { app: 'pool' }), 'operator');
      expect(updated.spec?.replicas).to.equal(3);
      expect(updated.metadata?.labels).to.deep.equal({ app: 'pool' });
      expect(updated.metadata?.generation).to.equal(2);
    });

    it('does not write when nothing changes', async () => {
      const first = await apply(desired(2), 'operator');
      const second = await apply(desired(2), 'operator');
      expect(second.metadata?.resourceVersion).to.equal(first.metadata?.resourceVersion);
    });
  });

  describe('when another manager applies a different value to an owned field', () => {
    it('answers 409 Conflict naming the field and the owner', async () => {
      await apply(desired(2), 'operator');
      const status = await failure(() => apply(desired(5), 'someone-else'));
      expect(status).to.deep.include({ code: 409, reason: 'Conflict' });
      expect(status.message).to.equal('Apply failed with 1 conflict: conflict with "operator": .spec.replicas');
      expect(status.details?.causes).to.deep.equal([
        { reason: 'FieldManagerConflict', message: 'conflict with "operator"', field: '.spec.replicas' },
      ]);
    });

    it('takes the field over when forced', async () => {
      await apply(desired(2), 'operator');
      const forced = await apply(desired(5), 'someone-else', true);
      expect(forced.spec?.replicas).to.equal(5);
      const operatorFields = JSON.stringify(forced.metadata?.managedFields?.find((m) => m.manager === 'operator')?.fieldsV1);
      expect(operatorFields).to.not.include('f:replicas');
    });

    it('shares fields applied with the same value without conflict', async () => {
      await apply(desired(2), 'operator');
      const shared = await apply(desired(2), 'someone-else');
      expect(managersOf(shared)).to.deep.equal(['operator/Apply', 'someone-else/Apply']);
    });
  });

  describe('when a field was changed by an update', () => {
    it('belongs to the updating manager, so re-applying the old value conflicts', async () => {
      await apply(desired(2), 'operator');
      await apps.patchNamespacedDeployment(
        { namespace: 'default', name: 'pool', body: { spec: { replicas: 7 } }, fieldManager: 'kubectl-edit' },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      const status = await failure(() => apply(desired(2), 'operator'));
      expect(status.message).to.equal('Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
    });
  });

  describe('when the applying manager had changed the field by an update itself', () => {
    it('does not conflict with its own update', async () => {
      await apps.createNamespacedDeployment({ namespace: 'default', body: desired(2), fieldManager: 'operator' });
      const applied = await apply(desired(4), 'operator');
      expect(applied.spec?.replicas).to.equal(4);
      expect(managersOf(applied)).to.have.members(['operator/Update', 'operator/Apply']);
    });
  });

  describe('when managers apply different elements of an associative list', () => {
    it('merges the elements by key and each keeps its own', async () => {
      await apply(desired(1, [{ name: 'app', image: 'example/app:1' }]), 'operator');
      const both = await apply(
        desired(1, [
          { name: 'app', image: 'example/app:1' },
          { name: 'proxy', image: 'example/proxy:1' },
        ]),
        'mesh',
      );
      expect(both.spec?.template.spec?.containers.map((c) => c.name)).to.deep.equal(['app', 'proxy']);
      const dropped = await apply(desired(1, [{ name: 'app', image: 'example/app:1' }]), 'mesh');
      expect(dropped.spec?.template.spec?.containers.map((c) => c.name)).to.deep.equal(['app']);
    });
  });

  describe('when applied through KubernetesObjectApi to a custom resource status', () => {
    it('writes status through /status and requires a field manager', async () => {
      const client = KubernetesObjectApi.makeApiClient(server.kubeConfig());
      const widget = {
        apiVersion: 'test.example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'default' },
        spec: { color: 'red' },
      };
      await client.patch<KubernetesObject>(widget, undefined, undefined, 'operator', true, PatchStrategy.ServerSideApply);
      const custom = server.kubeConfig().makeApiClient(CustomObjectsApi);
      const ref = { group: 'test.example.com', version: 'v1', namespace: 'default', plural: 'widgets', name: 'w' };
      const body = { apiVersion: 'test.example.com/v1', kind: 'Widget', metadata: { name: 'w' }, status: { phase: 'Running' } };
      const updated = (await custom.patchNamespacedCustomObjectStatus({ ...ref, body, fieldManager: 'operator' }, APPLY)) as {
        status: unknown;
        metadata: { generation: number };
      };
      expect(updated.status).to.deep.equal({ phase: 'Running' });
      expect(updated.metadata.generation).to.equal(1);
      const status = await failure(() => custom.patchNamespacedCustomObject({ ...ref, body: widget }, APPLY));
      expect(status.code).to.equal(422);
    });
  });
});
