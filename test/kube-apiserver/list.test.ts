import { CoreV1Api, EventsV1Api } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { failure } from './test-helpers.ts';

describe('kube-apiserver test server: list', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;

  before(async () => {
    server = await startKubeApiServer({ namespaces: ['other'] });
    core = server.kubeConfig().makeApiClient(CoreV1Api);
    const labelled: Array<[string, Record<string, string>]> = [
      ['a', { tier: 'web', env: 'prod' }],
      ['b', { tier: 'web', env: 'dev' }],
      ['c', { tier: 'db', env: 'prod' }],
      ['d', { tier: 'cache' }],
      ['e', {}],
    ];
    for (const [name, labels] of labelled)
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name, labels } } });
    await core.createNamespacedConfigMap({ namespace: 'other', body: { metadata: { name: 'a', labels: { tier: 'web' } } } });
  });

  after(async () => {
    await server.close();
  });

  const names = async (labelSelector?: string, fieldSelector?: string): Promise<string[]> =>
    (await core.listNamespacedConfigMap({ namespace: 'default', labelSelector, fieldSelector })).items.map((i) => i.metadata?.name ?? '');

  describe('when a label selector is given', () => {
    it('supports =, ==, !=, in, notin, exists and !exists, combined with commas', async () => {
      expect(await names('tier=web')).to.deep.equal(['a', 'b']);
      expect(await names('tier==db')).to.deep.equal(['c']);
      expect(await names('env!=prod')).to.deep.equal(['b', 'd', 'e']);
      expect(await names('tier in (db, cache)')).to.deep.equal(['c', 'd']);
      expect(await names('tier notin (web,db)')).to.deep.equal(['d', 'e']);
      expect(await names('env')).to.deep.equal(['a', 'b', 'c']);
      expect(await names('!env')).to.deep.equal(['d', 'e']);
      expect(await names('tier in (web,db),env=prod')).to.deep.equal(['a', 'c']);
    });

    it('answers 400 BadRequest to a malformed one', async () => {
      const status = await failure(() => names('tier in web'));
      expect(status).to.deep.include({ code: 400, reason: 'BadRequest' });
    });
  });

  describe('when a field selector is given', () => {
    it('filters on metadata.name and metadata.namespace', async () => {
      expect(await names(undefined, 'metadata.name=c')).to.deep.equal(['c']);
      expect(await names(undefined, 'metadata.name!=c')).to.deep.equal(['a', 'b', 'd', 'e']);
      const all = await core.listConfigMapForAllNamespaces({ fieldSelector: 'metadata.namespace=other' });
      expect(all.items.map((i) => `${i.metadata?.namespace}/${i.metadata?.name}`)).to.deep.equal(['other/a']);
    });

    it('answers 400 to a field it does not support', async () => {
      const status = await failure(() => names(undefined, 'spec.nothing=x'));
      expect(status).to.deep.include({ code: 400, message: 'field label not supported: spec.nothing' });
    });
  });

  describe('when listing across namespaces', () => {
    it('returns every namespace, sorted by namespace then name, with the list resourceVersion', async () => {
      const all = await core.listConfigMapForAllNamespaces();
      expect(all.items.map((i) => `${i.metadata?.namespace}/${i.metadata?.name}`)).to.deep.equal([
        'default/a',
        'default/b',
        'default/c',
        'default/d',
        'default/e',
        'other/a',
      ]);
      expect(all.metadata?.resourceVersion).to.equal(String(server.store.resourceVersion));
      expect(all.kind).to.equal('ConfigMapList');
    });
  });

  describe('when paging with limit and continue', () => {
    it('returns pages of a consistent snapshot, even when objects change in between', async () => {
      const first = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2 });
      expect(first.items.map((i) => i.metadata?.name)).to.deep.equal(['a', 'b']);
      expect(first.metadata?.remainingItemCount).to.equal(3);
      await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'c' });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'bb' } } });
      const second = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2, _continue: first.metadata?._continue });
      expect(second.items.map((i) => i.metadata?.name)).to.deep.equal(['c', 'd']);
      expect(second.metadata?.resourceVersion).to.equal(first.metadata?.resourceVersion);
      const third = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2, _continue: second.metadata?._continue });
      expect(third.items.map((i) => i.metadata?.name)).to.deep.equal(['e']);
      expect(third.metadata?._continue).to.equal(undefined);
    });

    it('answers 410 Expired to a continue token older than the retained history', async () => {
      const first = await core.listNamespacedConfigMap({ namespace: 'default', limit: 1 });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'later' } } });
      server.controls.compact();
      const status = await failure(() =>
        core.listNamespacedConfigMap({ namespace: 'default', limit: 1, _continue: first.metadata?._continue }),
      );
      expect(status).to.deep.include({ code: 410, reason: 'Expired' });
    });
  });

  describe('when events are listed', () => {
    it('serves core and events.k8s.io Events, with their field selectors', async () => {
      await core.createNamespacedEvent({
        namespace: 'default',
        body: { metadata: { name: 'e1' }, involvedObject: { kind: 'Widget', name: 'w1' }, reason: 'Started', type: 'Normal' },
      });
      const found = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: 'involvedObject.name=w1,reason=Started' });
      expect(found.items.map((i) => i.metadata?.name)).to.deep.equal(['e1']);
      const events = server.kubeConfig().makeApiClient(EventsV1Api);
      await events.createNamespacedEvent({
        namespace: 'default',
        body: {
          metadata: { name: 'e2' },
          eventTime: new Date(),
          reportingController: 'x',
          reportingInstance: 'y',
          action: 'Convert',
          reason: 'Done',
          regarding: { kind: 'Widget', name: 'w1' },
          type: 'Normal',
        },
      });
      const listed = await events.listNamespacedEvent({ namespace: 'default', fieldSelector: 'regarding.name=w1' });
      expect(listed.items.map((i) => i.metadata?.name)).to.deep.equal(['e2']);
    });
  });
});
