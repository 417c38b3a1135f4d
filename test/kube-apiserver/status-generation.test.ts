import { AppsV1Api, CustomObjectsApi, type V1Deployment } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS, failure } from './test-helpers.ts';

interface Widget {
  apiVersion: string;
  metadata: { generation?: number; resourceVersion?: string };
  spec: { color: string };
  status?: unknown;
}

const deployment = (name: string, replicas = 1): V1Deployment => ({
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'example/app:1' }] } },
  },
});

describe('kube-apiserver test server: generation and the status subresource', () => {
  let server: KubeApiServer;
  let apps: AppsV1Api;
  let custom: CustomObjectsApi;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS] });
    apps = server.kubeConfig().makeApiClient(AppsV1Api);
    custom = server.kubeConfig().makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await server.close();
  });

  describe('when a Deployment is created and changed', () => {
    it('starts generation at 1 and bumps it for spec changes only', async () => {
      const created = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('pool') });
      expect(created.metadata?.generation).to.equal(1);
      const relabelled = await apps.replaceNamespacedDeployment({
        namespace: 'default',
        name: 'pool',
        body: { ...created, metadata: { ...created.metadata, labels: { app: 'pool', tier: 'x' } } },
      });
      expect(relabelled.metadata?.generation).to.equal(1);
      const scaled = await apps.replaceNamespacedDeployment({
        namespace: 'default',
        name: 'pool',
        body: { ...relabelled, spec: { ...relabelled.spec!, replicas: 3 } },
      });
      expect(scaled.metadata?.generation).to.equal(2);
    });

    it('drops status sent with the create', async () => {
      const created = await apps.createNamespacedDeployment({
        namespace: 'default',
        body: { ...deployment('pool'), status: { readyReplicas: 3 } },
      });
      expect(created.status?.readyReplicas).to.equal(undefined);
    });

    it('ignores status sent to the main resource', async () => {
      const created = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('pool') });
      const updated = await apps.replaceNamespacedDeployment({
        namespace: 'default',
        name: 'pool',
        body: { ...created, status: { readyReplicas: 5 } },
      });
      expect(updated.status?.readyReplicas).to.equal(undefined);
    });

    it('changes only status through /status, without bumping generation', async () => {
      const created = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('pool') });
      const body = { ...created, spec: { ...created.spec!, replicas: 9 }, status: { readyReplicas: 1, observedGeneration: 1 } };
      const updated = await apps.replaceNamespacedDeploymentStatus({ namespace: 'default', name: 'pool', body });
      expect(updated.status?.readyReplicas).to.equal(1);
      expect(updated.spec?.replicas).to.equal(1);
      expect(updated.metadata?.generation).to.equal(1);
      expect(Number(updated.metadata?.resourceVersion)).to.be.greaterThan(Number(created.metadata?.resourceVersion));
    });

    it('answers 409 to a status update with a stale resourceVersion', async () => {
      const created = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('pool') });
      await apps.replaceNamespacedDeploymentStatus({ namespace: 'default', name: 'pool', body: { ...created, status: { replicas: 1 } } });
      const status = await failure(() =>
        apps.replaceNamespacedDeploymentStatus({ namespace: 'default', name: 'pool', body: { ...created, status: { replicas: 2 } } }),
      );
      expect(status).to.deep.include({ code: 409, reason: 'Conflict' });
    });

    it('applies the built-in defaults (replicas, strategy)', async () => {
      const body = deployment('pool');
      delete body.spec!.replicas;
      const created = await apps.createNamespacedDeployment({ namespace: 'default', body });
      expect(created.spec?.replicas).to.equal(1);
      expect(created.spec?.strategy?.type).to.equal('RollingUpdate');
    });
  });

  describe('when a custom resource with a status subresource is written', () => {
    const widget = { apiVersion: 'test.example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { color: 'red' } };
    const ref = { group: 'test.example.com', version: 'v1', namespace: 'default', plural: 'widgets', name: 'w1' };

    it('drops status on create and on main-resource updates, and bumps generation for spec changes', async () => {
      const created = (await custom.createNamespacedCustomObject({ ...ref, body: { ...widget, status: { phase: 'Done' } } })) as Widget;
      expect(created.status).to.equal(undefined);
      expect(created.metadata.generation).to.equal(1);
      const changed = (await custom.replaceNamespacedCustomObject({
        ...ref,
        body: { ...created, spec: { color: 'blue' }, status: { phase: 'Done' } },
      })) as Widget;
      expect(changed.status).to.equal(undefined);
      expect(changed.metadata.generation).to.equal(2);
    });

    it('writes status through /status without touching spec or generation', async () => {
      const created = (await custom.createNamespacedCustomObject({ ...ref, body: widget })) as Widget;
      const body = { ...created, spec: { color: 'green' }, status: { phase: 'Running', observedGeneration: 1 } };
      const updated = (await custom.replaceNamespacedCustomObjectStatus({ ...ref, body })) as Widget;
      expect(updated.status).to.deep.equal({ phase: 'Running', observedGeneration: 1 });
      expect(updated.spec.color).to.equal('red');
      expect(updated.metadata.generation).to.equal(1);
    });

    it('requires a resourceVersion on update, as custom resources do', async () => {
      const created = (await custom.createNamespacedCustomObject({ ...ref, body: widget })) as Widget;
      const { resourceVersion: _rv, ...metadata } = created.metadata;
      const status = await failure(() => custom.replaceNamespacedCustomObject({ ...ref, body: { ...created, metadata } }));
      expect(status).to.deep.include({ code: 422, reason: 'Invalid' });
      expect(status.details?.causes?.[0].field).to.equal('metadata.resourceVersion');
    });

    it('serves the same object under every served version', async () => {
      await custom.createNamespacedCustomObject({ ...ref, body: widget });
      const beta = (await custom.getNamespacedCustomObject({ ...ref, version: 'v1beta1' })) as Widget;
      expect(beta.apiVersion).to.equal('test.example.com/v1beta1');
      expect(beta.spec.color).to.equal('red');
    });
  });
});
