import { CoordinationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { failure } from './test-helpers.ts';

describe('kube-apiserver test server: test controls', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;

  beforeEach(async () => {
    server = await startKubeApiServer();
    core = server.kubeConfig().makeApiClient(CoreV1Api);
  });

  afterEach(async () => {
    await server.close();
  });

  describe('when requests are made', () => {
    it('counts them by verb and resource, subresources apart', async () => {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a' } } });
      await core.readNamespacedConfigMap({ namespace: 'default', name: 'a' });
      await core.readNamespacedConfigMap({ namespace: 'default', name: 'a' });
      await core.listNamespacedConfigMap({ namespace: 'default' });
      await core.readNamespaceStatus({ name: 'default' });
      expect(server.controls.requests.counts()).to.deep.equal({
        'create /configmaps': 1,
        'get /configmaps': 2,
        'list /configmaps': 1,
        'get /namespaces/status': 1,
      });
      expect(server.controls.requests.count({ resource: 'configmaps' })).to.equal(4);
      server.controls.requests.resetCounts();
      expect(server.controls.requests.count()).to.equal(0);
    });

    it('does not count what the test does through the in-process store', async () => {
      server.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seeded', namespace: 'default' } });
      expect(server.controls.requests.count()).to.equal(0);
    });
  });

  describe('when the next requests of a kind are told to fail', () => {
    it('fails exactly that many with the given Status, then recovers', async () => {
      server.controls.failNext({ verb: 'list', resource: 'configmaps', status: 503, times: 2 });
      const first = await failure(() => core.listNamespacedConfigMap({ namespace: 'default' }));
      expect(first).to.deep.include({ code: 503, reason: 'ServiceUnavailable' });
      await failure(() => core.listNamespacedConfigMap({ namespace: 'default' }));
      const third = await core.listNamespacedConfigMap({ namespace: 'default' });
      expect(third.items).to.be.an('array');
    });

    it('leaves other requests alone', async () => {
      server.controls.failNext({ verb: 'update', group: 'coordination.k8s.io', resource: 'leases' });
      const leases = server.kubeConfig().makeApiClient(CoordinationV1Api);
      const lease = await leases.createNamespacedLease({
        namespace: 'default',
        body: { metadata: { name: 'leader' }, spec: { holderIdentity: 'me' } },
      });
      const status = await failure(() => leases.replaceNamespacedLease({ namespace: 'default', name: 'leader', body: lease }));
      expect(status).to.deep.include({ code: 500, reason: 'InternalError' });
    });

    it('answers 429 with Retry-After when asked to throttle', async () => {
      server.controls.failNext({ verb: 'get', resource: 'configmaps', status: 429 });
      const response = await fetch(`${server.url}/api/v1/namespaces/default/configmaps/x`);
      expect(response.status).to.equal(429);
      expect(response.headers.get('retry-after')).to.equal('1');
      expect(await response.json()).to.deep.include({ reason: 'TooManyRequests' });
    });
  });

  describe('when the next request is delayed', () => {
    it('holds it until the delay passes, then serves it', async () => {
      server.controls.delayNext({ verb: 'get', resource: 'namespaces', delayMs: 200 });
      let settled = false;
      const pending = core.readNamespace({ name: 'default' }).finally(() => (settled = true));
      await core.listNamespace();
      expect(settled).to.equal(false);
      expect((await pending).metadata?.name).to.equal('default');
    });
  });
});
