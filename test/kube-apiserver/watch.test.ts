import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS } from './test-helpers.ts';
import { waitFor } from './wait-for.ts';

interface Seen {
  type: string;
  name?: string;
  resourceVersion?: string;
  code?: number;
}

describe('kube-apiserver test server: watch', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;
  let watch: Watch;
  const aborts: AbortController[] = [];

  beforeEach(async () => {
    server = await startKubeApiServer({ bookmarkIntervalMs: 0 });
    core = server.kubeConfig().makeApiClient(CoreV1Api);
    watch = new Watch(server.kubeConfig());
  });

  afterEach(async () => {
    aborts.splice(0).forEach((a) => a.abort());
    await server.close();
  });

  /** Starts a watch and collects its events; `ended` resolves when the server closes the stream. */
  async function collect(
    query: Record<string, string | number | boolean | undefined>,
    path = '/api/v1/namespaces/default/configmaps',
  ): Promise<{ events: Seen[]; ended: Promise<unknown> }> {
    const events: Seen[] = [];
    let end: (err: unknown) => void = () => undefined;
    const ended = new Promise((resolve) => (end = resolve));
    type Watched = { metadata?: { name?: string; resourceVersion?: string }; code?: number };
    const controller = await watch.watch(
      path,
      query,
      (type, obj: Watched) => {
        events.push({ type, name: obj.metadata?.name, resourceVersion: obj.metadata?.resourceVersion, code: obj.code });
      },
      (err) => end(err),
    );
    aborts.push(controller);
    return { events, ended };
  }

  describe('when watching from a resourceVersion', () => {
    it('streams ADDED, MODIFIED and DELETED after it, in order', async () => {
      const first = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before' } } });
      const { events } = await collect({ resourceVersion: first.metadata?.resourceVersion });
      const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a' } } });
      await core.replaceNamespacedConfigMap({ namespace: 'default', name: 'a', body: { ...created, data: { k: 'v' } } });
      await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'a' });
      await waitFor(() => events.length >= 3);
      expect(events.map((e) => `${e.type} ${e.name}`)).to.deep.equal(['ADDED a', 'MODIFIED a', 'DELETED a']);
      const versions = events.map((e) => Number(e.resourceVersion));
      expect(versions).to.deep.equal([...versions].sort((x, y) => x - y));
    });

    it('replays the retained changes made after that resourceVersion', async () => {
      const first = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'one' } } });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'two' } } });
      const { events } = await collect({ resourceVersion: first.metadata?.resourceVersion });
      await waitFor(() => events.length >= 1);
      expect(events.map((e) => `${e.type} ${e.name}`)).to.deep.equal(['ADDED two']);
    });
  });

  describe('when watching without a resourceVersion', () => {
    it('starts with ADDED events for the objects that exist', async () => {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'existing' } } });
      const { events } = await collect({});
      await waitFor(() => events.length >= 1);
      expect(events[0]).to.include({ type: 'ADDED', name: 'existing' });
    });
  });

  describe('when the resourceVersion is older than the retained history', () => {
    it('sends a 410 Expired ERROR event and closes the stream', async () => {
      const first = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'old' } } });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'newer' } } });
      server.controls.compact();
      const { events, ended } = await collect({ resourceVersion: first.metadata?.resourceVersion });
      await ended;
      expect(events).to.deep.equal([{ type: 'ERROR', name: undefined, resourceVersion: undefined, code: 410 }]);
    });
  });

  describe('when a label selector is given', () => {
    it('shows objects entering the selection as ADDED and leaving it as DELETED', async () => {
      const { events } = await collect({ labelSelector: 'team=a', resourceVersion: String(server.store.resourceVersion) });
      const created = await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'x', labels: { team: 'b' } } },
      });
      const moved = await core.replaceNamespacedConfigMap({
        namespace: 'default',
        name: 'x',
        body: { ...created, metadata: { ...created.metadata, labels: { team: 'a' } } },
      });
      await core.replaceNamespacedConfigMap({
        namespace: 'default',
        name: 'x',
        body: { ...moved, metadata: { ...moved.metadata, labels: { team: 'c' } } },
      });
      await waitFor(() => events.length >= 2);
      expect(events.map((e) => `${e.type} ${e.name}`)).to.deep.equal(['ADDED x', 'DELETED x']);
    });
  });

  describe('when bookmarks are allowed', () => {
    it('sends BOOKMARK events carrying the current resourceVersion', async () => {
      const { events } = await collect({ allowWatchBookmarks: true, resourceVersion: String(server.store.resourceVersion) });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'b' } } });
      await waitFor(() => events.length >= 1);
      server.controls.sendBookmarks();
      await waitFor(() => events.length >= 2);
      expect(events[1].type).to.equal('BOOKMARK');
      expect(events[1].resourceVersion).to.equal(String(server.store.resourceVersion));
    });

    it('sends them periodically when the server has a bookmark interval', async () => {
      const periodic = await startKubeApiServer({ bookmarkIntervalMs: 20 });
      try {
        const types: string[] = [];
        const controller = await new Watch(periodic.kubeConfig()).watch(
          '/api/v1/namespaces',
          { allowWatchBookmarks: true, resourceVersion: String(periodic.store.resourceVersion) },
          (type) => types.push(type),
          () => undefined,
        );
        aborts.push(controller);
        await waitFor(() => types.length >= 2);
        expect(new Set(types)).to.deep.equal(new Set(['BOOKMARK']));
      } finally {
        await periodic.close();
      }
    });

    it('sends none to watches that did not ask', async () => {
      const { events } = await collect({ resourceVersion: String(server.store.resourceVersion) });
      server.controls.sendBookmarks();
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'c' } } });
      await waitFor(() => events.length >= 1);
      expect(events.map((e) => e.type)).to.deep.equal(['ADDED']);
    });
  });

  describe('when timeoutSeconds is given', () => {
    it('ends the stream cleanly after that time', async () => {
      const { ended } = await collect({ timeoutSeconds: 1, resourceVersion: String(server.store.resourceVersion) });
      expect(await ended).to.equal(null);
      expect(server.controls.openWatches).to.equal(0);
    });
  });

  describe('when custom resources are watched across namespaces', () => {
    it('streams their events with their apiVersion and kind', async () => {
      await server.addCrdFile(FIXTURE_CRDS);
      const kinds: string[] = [];
      const controller = await watch.watch(
        '/apis/test.example.com/v1/widgets',
        { resourceVersion: String(server.store.resourceVersion) },
        (type, obj: { apiVersion: string; kind: string; metadata: { namespace: string } }) => {
          kinds.push(`${type} ${obj.apiVersion} ${obj.kind} ${obj.metadata.namespace}`);
        },
        () => undefined,
      );
      aborts.push(controller);
      server.store.create({
        apiVersion: 'test.example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'kube-public' },
        spec: { color: 'red' },
      });
      await waitFor(() => kinds.length >= 1);
      expect(kinds).to.deep.equal(['ADDED test.example.com/v1 Widget kube-public']);
    });
  });

  describe('when the test drops all watches', () => {
    it('closes every stream and reports how many', async () => {
      const one = await collect({});
      const two = await collect({}, '/api/v1/namespaces');
      await waitFor(() => server.controls.openWatches === 2);
      expect(server.controls.dropWatches()).to.equal(2);
      expect(await one.ended).to.equal(null);
      expect(await two.ended).to.equal(null);
    });
  });
});
