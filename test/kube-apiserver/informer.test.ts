import { CoreV1Api, makeInformer, type Informer, type ObjectCache, type V1ConfigMap } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { waitFor } from './wait-for.ts';

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });

describe('kube-apiserver test server: informers', () => {
  let server: KubeApiServer;
  let informer: Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>;
  let errors: unknown[];

  beforeEach(async () => {
    server = await startKubeApiServer();
    const kc = server.kubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    server.store.create(cm('a'));
    informer = makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    errors = [];
    informer.on('error', (err) => errors.push(err));
    await informer.start();
    await waitFor(() => server.controls.openWatches === 1, { description: 'the informer watch' });
  });

  afterEach(async () => {
    await informer.stop();
    await server.close();
  });

  const cached = (): string[] =>
    informer
      .list('default')
      .map((o) => o.metadata?.name ?? '')
      .sort();
  const lists = (): number => server.controls.requests.count({ verb: 'list', resource: 'configmaps' });

  describe('when started', () => {
    it('lists, then follows changes through its watch', async () => {
      expect(cached()).to.deep.equal(['a']);
      server.store.create(cm('b'));
      await waitFor(() => cached().includes('b'));
      server.store.delete(cmRef('a'));
      await waitFor(() => !cached().includes('a'));
      expect(lists()).to.equal(1);
    });
  });

  describe('when the server drops its watch', () => {
    it('reconnects from its last resourceVersion and misses nothing, without relisting', async () => {
      server.controls.dropWatches();
      server.store.create(cm('during-outage'));
      await waitFor(() => cached().includes('during-outage'), { description: 'the change made while disconnected' });
      expect(lists()).to.equal(1);
      expect(errors).to.deep.equal([]);
    });
  });

  describe('when its resourceVersion has been compacted away (410 Gone)', () => {
    it('relists and converges, including deletions it never saw', async () => {
      server.controls.dropWatches();
      server.store.create(cm('new'));
      server.store.delete(cmRef('a'));
      server.controls.compact();
      await waitFor(() => cached().join() === 'new', { description: 'the relisted cache' });
      expect(lists()).to.equal(2);
      expect(errors).to.deep.equal([]);
      server.store.create(cm('after'));
      await waitFor(() => cached().includes('after'));
    });
  });

  describe('when the connection is reset abruptly', () => {
    it('reports an error, and a restart resynchronises', async () => {
      server.controls.dropWatches({ abrupt: true });
      await waitFor(() => errors.length > 0, { description: 'the informer error' });
      server.store.create(cm('missed'));
      await informer.start();
      await waitFor(() => cached().includes('missed'));
    });
  });
});
