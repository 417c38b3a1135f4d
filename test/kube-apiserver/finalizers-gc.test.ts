import { AppsV1Api, CoreV1Api, CustomObjectsApi, type V1ConfigMap, type V1OwnerReference } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS, failure } from './test-helpers.ts';
import type { KubeObject } from './types.ts';

const widgetRef = { group: 'test.example.com', version: 'v1', namespace: 'default', plural: 'widgets' };
const cmRef = (name: string, namespace = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

describe('kube-apiserver test server: finalizers and garbage collection', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS], namespaces: ['doomed'] });
    core = server.kubeConfig().makeApiClient(CoreV1Api);
    custom = server.kubeConfig().makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await server.close();
  });

  async function createOwner(finalizers?: string[]): Promise<KubeObject> {
    const body = { apiVersion: 'test.example.com/v1', kind: 'Widget', metadata: { name: 'owner', finalizers }, spec: { color: 'red' } };
    return (await custom.createNamespacedCustomObject({ ...widgetRef, body })) as KubeObject;
  }

  function ownedBy(owner: KubeObject, name: string): V1ConfigMap {
    const ref: V1OwnerReference = {
      apiVersion: 'test.example.com/v1',
      kind: 'Widget',
      name: owner.metadata.name!,
      uid: owner.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
    return { metadata: { name, ownerReferences: [ref] }, data: { k: 'v' } };
  }

  describe('when an object with finalizers is deleted', () => {
    it('only sets deletionTimestamp and bumps generation, and the object stays readable', async () => {
      await createOwner(['example.com/cleanup']);
      const answer = (await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner' })) as KubeObject;
      expect(answer.metadata.deletionTimestamp).to.be.a('string');
      const stored = (await custom.getNamespacedCustomObject({ ...widgetRef, name: 'owner' })) as KubeObject;
      expect(stored.metadata.deletionTimestamp).to.be.a('string');
      expect(stored.metadata.generation).to.equal(2);
    });

    it('removes it when the last finalizer is removed', async () => {
      await createOwner(['example.com/a', 'example.com/b']);
      await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner' });
      const ref = { apiVersion: 'test.example.com/v1', kind: 'Widget', namespace: 'default', name: 'owner' };
      server.store.mutate(ref, (o) => (o.metadata.finalizers = ['example.com/b']));
      expect(server.store.get(ref)).to.not.equal(undefined);
      const current = (await custom.getNamespacedCustomObject({ ...widgetRef, name: 'owner' })) as KubeObject;
      await custom.replaceNamespacedCustomObject({
        ...widgetRef,
        name: 'owner',
        body: { ...current, metadata: { ...current.metadata, finalizers: [] } },
      });
      expect(server.store.get(ref)).to.equal(undefined);
    });

    it('refuses new finalizers while the object is being deleted', async () => {
      const owner = await createOwner(['example.com/a']);
      await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner' });
      const current = (await custom.getNamespacedCustomObject({ ...widgetRef, name: 'owner' })) as KubeObject;
      const body = { ...current, metadata: { ...current.metadata, finalizers: ['example.com/a', 'example.com/new'] } };
      const status = await failure(() => custom.replaceNamespacedCustomObject({ ...widgetRef, name: 'owner', body }));
      expect(status).to.deep.include({ code: 422, reason: 'Invalid' });
      expect(status.details?.causes?.[0].field).to.equal('metadata.finalizers');
      expect(owner.metadata.uid).to.equal(current.metadata.uid);
    });
  });

  describe('when an owner is deleted in the background (the default)', () => {
    it('deletes its dependents afterwards', async () => {
      const owner = await createOwner();
      await core.createNamespacedConfigMap({ namespace: 'default', body: ownedBy(owner, 'child') });
      await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner' });
      await server.store.waitFor(cmRef('child'), (o) => o === undefined);
    });

    it('keeps a dependent that still has another owner, dropping the gone reference', async () => {
      const owner = await createOwner();
      const other = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'other-owner' } } });
      const body = ownedBy(owner, 'child');
      body.metadata!.ownerReferences!.push({ apiVersion: 'v1', kind: 'ConfigMap', name: 'other-owner', uid: other.metadata!.uid! });
      await core.createNamespacedConfigMap({ namespace: 'default', body });
      await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner' });
      const child = await server.store.waitFor(cmRef('child'), (o) => o?.metadata.ownerReferences?.length === 1);
      expect(child?.metadata.ownerReferences?.[0].name).to.equal('other-owner');
    });
  });

  describe('when an owner is deleted in the foreground', () => {
    it('deletes the dependents first, then the owner', async () => {
      const owner = await createOwner();
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { ...ownedBy(owner, 'child'), metadata: { ...ownedBy(owner, 'child').metadata, finalizers: ['example.com/hold'] } },
      });
      await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner', propagationPolicy: 'Foreground' });
      const ownerRef = { apiVersion: 'test.example.com/v1', kind: 'Widget', namespace: 'default', name: 'owner' };
      const deleting = await server.store.waitFor(ownerRef, (o) => o?.metadata.finalizers?.includes('foregroundDeletion') === true);
      expect(deleting?.metadata.deletionTimestamp).to.be.a('string');
      await server.store.waitFor(cmRef('child'), (o) => o?.metadata.deletionTimestamp !== undefined);
      expect(server.store.get(ownerRef)).to.not.equal(undefined);
      server.store.mutate(cmRef('child'), (o) => (o.metadata.finalizers = []));
      await server.store.waitFor(ownerRef, (o) => o === undefined);
    });
  });

  describe('when an owner is deleted with the Orphan policy', () => {
    it('keeps the dependents and removes their owner references', async () => {
      const owner = await createOwner();
      await core.createNamespacedConfigMap({ namespace: 'default', body: ownedBy(owner, 'child') });
      await custom.deleteNamespacedCustomObject({ ...widgetRef, name: 'owner', propagationPolicy: 'Orphan' });
      await server.store.waitFor(
        { apiVersion: 'test.example.com/v1', kind: 'Widget', namespace: 'default', name: 'owner' },
        (o) => o === undefined,
      );
      const child = server.store.get(cmRef('child'));
      expect(child?.metadata.ownerReferences ?? []).to.deep.equal([]);
    });
  });

  describe('when a Deployment owns children and is deleted through apps/v1', () => {
    it('collects them like any owner', async () => {
      const apps = server.kubeConfig().makeApiClient(AppsV1Api);
      const deployment = await apps.createNamespacedDeployment({
        namespace: 'default',
        body: {
          metadata: { name: 'pool' },
          spec: {
            selector: { matchLabels: { a: 'b' } },
            template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
          },
        },
      });
      const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'pool', uid: deployment.metadata!.uid! };
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'pool-config', ownerReferences: [ref] } } });
      await apps.deleteNamespacedDeployment({ namespace: 'default', name: 'pool' });
      await server.store.waitFor(cmRef('pool-config'), (o) => o === undefined);
    });
  });

  describe('when a namespace is deleted', () => {
    it('is Terminating, refuses new content with 403, deletes its content, then disappears', async () => {
      await core.createNamespacedConfigMap({ namespace: 'doomed', body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } } });
      await core.createNamespacedConfigMap({ namespace: 'doomed', body: { metadata: { name: 'plain' } } });
      await core.deleteNamespace({ name: 'doomed' });
      const namespace = await core.readNamespace({ name: 'doomed' });
      expect(namespace.status?.phase).to.equal('Terminating');
      const status = await failure(() => core.createNamespacedConfigMap({ namespace: 'doomed', body: { metadata: { name: 'late' } } }));
      expect(status).to.deep.include({ code: 403, reason: 'Forbidden' });
      await server.store.waitFor(cmRef('plain', 'doomed'), (o) => o === undefined);
      const held = await server.store.waitFor(cmRef('held', 'doomed'), (o) => o?.metadata.deletionTimestamp !== undefined);
      expect(held?.metadata.finalizers).to.deep.equal(['example.com/hold']);
      server.store.mutate(cmRef('held', 'doomed'), (o) => (o.metadata.finalizers = []));
      await server.store.waitFor({ apiVersion: 'v1', kind: 'Namespace', name: 'doomed' }, (o) => o === undefined);
    });
  });
});
