import { AppsV1Api, CoreV1Api, KubernetesObjectApi, type KubernetesObject, type V1ConfigMap } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { failure } from './test-helpers.ts';

describe('kube-apiserver test server: CRUD', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;

  beforeEach(async () => {
    server = await startKubeApiServer({ namespaces: ['team-a'] });
    core = server.kubeConfig().makeApiClient(CoreV1Api);
  });

  afterEach(async () => {
    await server.close();
  });

  const configMap = (name: string, data: Record<string, string> = { key: 'value' }): V1ConfigMap => ({ metadata: { name }, data });

  describe('when an object is created', () => {
    it('sets uid, creationTimestamp and a resourceVersion, and returns 201 with the object', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      expect(created.metadata?.uid).to.match(/^[0-9a-f-]{36}$/);
      expect(created.metadata?.creationTimestamp).to.be.instanceOf(Date);
      expect(Number(created.metadata?.resourceVersion)).to.be.greaterThan(0);
      expect(created.metadata?.namespace).to.equal('team-a');
      expect(created.data).to.deep.equal({ key: 'value' });
    });

    it('generates a name from generateName', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: { metadata: { generateName: 'job-' } } });
      expect(created.metadata?.name).to.match(/^job-[a-z0-9]{5}$/);
    });

    it('refuses a second object with the same name with 409 AlreadyExists', async () => {
      await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const status = await failure(() => core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') }));
      expect(status).to.deep.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409 });
      expect(status.message).to.equal('configmaps "settings" already exists');
      expect(status.details).to.deep.equal({ name: 'settings', kind: 'configmaps' });
    });

    it('refuses an object without a name with 422 Invalid naming metadata.name', async () => {
      const status = await failure(() => core.createNamespacedConfigMap({ namespace: 'team-a', body: { metadata: {} } }));
      expect(status.code).to.equal(422);
      expect(status.reason).to.equal('Invalid');
      expect(status.details?.causes?.[0]).to.deep.include({ reason: 'FieldValueRequired', field: 'metadata.name' });
    });

    it('refuses an object in a namespace that does not exist with 404', async () => {
      const status = await failure(() => core.createNamespacedConfigMap({ namespace: 'nowhere', body: configMap('x') }));
      expect(status).to.deep.include({ code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' });
    });

    it('ignores client-set uid and resourceVersion', async () => {
      const body = { metadata: { name: 'sneaky', uid: 'mine', resourceVersion: '999' } };
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body });
      expect(created.metadata?.uid).to.not.equal('mine');
      expect(created.metadata?.resourceVersion).to.not.equal('999');
    });
  });

  describe('when an object is read', () => {
    it('returns 404 NotFound with the group-qualified resource for a missing one', async () => {
      const apps = server.kubeConfig().makeApiClient(AppsV1Api);
      const status = await failure(() => apps.readNamespacedDeployment({ namespace: 'default', name: 'missing' }));
      expect(status).to.deep.include({ code: 404, reason: 'NotFound', message: 'deployments.apps "missing" not found' });
      expect(status.details).to.deep.equal({ name: 'missing', group: 'apps', kind: 'deployments' });
    });
  });

  describe('when an object is updated', () => {
    it('moves the resourceVersion forward on every write', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const updated = await core.replaceNamespacedConfigMap({
        namespace: 'team-a',
        name: 'settings',
        body: { ...created, data: { key: 'other' } },
      });
      expect(Number(updated.metadata?.resourceVersion)).to.be.greaterThan(Number(created.metadata?.resourceVersion));
      expect(updated.metadata?.uid).to.equal(created.metadata?.uid);
    });

    it('answers 409 Conflict to an update carrying a stale resourceVersion', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      await core.replaceNamespacedConfigMap({ namespace: 'team-a', name: 'settings', body: { ...created, data: { key: 'first' } } });
      const status = await failure(() =>
        core.replaceNamespacedConfigMap({ namespace: 'team-a', name: 'settings', body: { ...created, data: { key: 'second' } } }),
      );
      expect(status).to.deep.include({ code: 409, reason: 'Conflict' });
      expect(status.message).to.equal(
        'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again',
      );
      const stored = await core.readNamespacedConfigMap({ namespace: 'team-a', name: 'settings' });
      expect(stored.data).to.deep.equal({ key: 'first' });
    });

    it('does not write (nor move the resourceVersion) when nothing changes', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const same = await core.replaceNamespacedConfigMap({ namespace: 'team-a', name: 'settings', body: created });
      expect(same.metadata?.resourceVersion).to.equal(created.metadata?.resourceVersion);
    });

    it('keeps uid and creationTimestamp whatever the body says', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const body = { ...created, metadata: { ...created.metadata, uid: 'forged', creationTimestamp: new Date(0) }, data: { key: 'b' } };
      const updated = await core.replaceNamespacedConfigMap({ namespace: 'team-a', name: 'settings', body });
      expect(updated.metadata?.uid).to.equal(created.metadata?.uid);
      expect(updated.metadata?.creationTimestamp?.getTime()).to.equal(created.metadata?.creationTimestamp?.getTime());
    });

    it('refuses a body whose name differs from the URL with 400 BadRequest', async () => {
      await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const status = await failure(() =>
        core.replaceNamespacedConfigMap({ namespace: 'team-a', name: 'settings', body: configMap('other') }),
      );
      expect(status).to.deep.include({ code: 400, reason: 'BadRequest' });
    });
  });

  describe('when an object without finalizers is deleted', () => {
    it('removes it and answers a Success Status', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const status = await core.deleteNamespacedConfigMap({ namespace: 'team-a', name: 'settings' });
      expect(status.status).to.equal('Success');
      expect(status.details?.uid).to.equal(created.metadata?.uid);
      expect(server.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a', name: 'settings' })).to.equal(undefined);
    });

    it('answers 409 when a uid precondition does not hold', async () => {
      await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('settings') });
      const body = { preconditions: { uid: 'another-uid' } };
      const status = await failure(() => core.deleteNamespacedConfigMap({ namespace: 'team-a', name: 'settings', body }));
      expect(status).to.deep.include({ code: 409, reason: 'Conflict' });
    });
  });

  describe('when a write is a dry run', () => {
    it('answers as if written but stores nothing', async () => {
      const created = await core.createNamespacedConfigMap({ namespace: 'team-a', body: configMap('ghost'), dryRun: 'All' });
      expect(created.metadata?.uid).to.be.a('string');
      expect(server.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a', name: 'ghost' })).to.equal(undefined);
    });
  });

  describe('when a collection is deleted', () => {
    it('deletes the objects matching the selector and returns them', async () => {
      await core.createNamespacedConfigMap({ namespace: 'team-a', body: { metadata: { name: 'x', labels: { batch: '1' } } } });
      await core.createNamespacedConfigMap({ namespace: 'team-a', body: { metadata: { name: 'y', labels: { batch: '2' } } } });
      await core.deleteCollectionNamespacedConfigMap({ namespace: 'team-a', labelSelector: 'batch=1' });
      const left = await core.listNamespacedConfigMap({ namespace: 'team-a' });
      expect(left.items.map((i) => i.metadata?.name)).to.deep.equal(['y']);
    });
  });

  describe('when served through KubernetesObjectApi', () => {
    it('discovers resources and runs create, read, replace, list and delete', async () => {
      const client = KubernetesObjectApi.makeApiClient(server.kubeConfig());
      const spec = {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'pool', namespace: 'team-a' },
        spec: { minAvailable: 1 },
      };
      const created: KubernetesObject = await client.create(spec);
      const read = await client.read<KubernetesObject>({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'pool', namespace: 'team-a' },
      });
      expect(read.metadata?.uid).to.equal(created.metadata?.uid);
      await client.replace({ ...read, spec: { minAvailable: 2 } });
      const list = await client.list('policy/v1', 'PodDisruptionBudget', 'team-a');
      expect(list.items.map((i) => i.metadata?.name)).to.deep.equal(['pool']);
      await client.delete(read);
      const after = await client.list('policy/v1', 'PodDisruptionBudget', 'team-a');
      expect(after.items).to.have.length(0);
    });
  });

  describe('when a namespaced resource is addressed across namespaces', () => {
    it('answers 405 to a create and 404 to an object path', async () => {
      const post = await fetch(`${server.url}/api/v1/configmaps`, {
        method: 'POST',
        body: JSON.stringify({ metadata: { name: 'x' } }),
        headers: { 'content-type': 'application/json' },
      });
      expect(post.status).to.equal(405);
      const get = await fetch(`${server.url}/api/v1/configmaps/x`);
      expect(get.status).to.equal(404);
    });
  });

  describe('when a path is unknown', () => {
    it('answers 404 with a Status body', async () => {
      const response = await fetch(`${server.url}/apis/nope.example.com/v1/things`);
      expect(response.status).to.equal(404);
      expect(await response.json()).to.deep.include({ kind: 'Status', reason: 'NotFound', code: 404 });
    });
  });
});
