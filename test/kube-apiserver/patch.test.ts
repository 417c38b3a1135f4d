import { AppsV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS, failure } from './test-helpers.ts';

const as = (strategy: string) => setHeaderOptions('Content-Type', strategy);

const deployment: V1Deployment = {
  metadata: { name: 'pool' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'pool' } },
    template: {
      metadata: { labels: { app: 'pool' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'example/app:1',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            ports: [{ containerPort: 8080, name: 'http' }],
          },
          { name: 'sidecar', image: 'example/sidecar:1' },
        ],
      },
    },
  },
};

describe('kube-apiserver test server: patches', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS] });
    core = server.kubeConfig().makeApiClient(CoreV1Api);
    apps = server.kubeConfig().makeApiClient(AppsV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'cm', labels: { a: '1', b: '2' } }, data: { x: '1', y: '2' } },
    });
    await apps.createNamespacedDeployment({ namespace: 'default', body: deployment });
  });

  afterEach(async () => {
    await server.close();
  });

  describe('when a JSON merge patch is sent', () => {
    it('merges maps and deletes keys set to null', async () => {
      const patched = await core.patchNamespacedConfigMap(
        { namespace: 'default', name: 'cm', body: { data: { x: null, z: '3' }, metadata: { labels: { b: null } } } },
        as(PatchStrategy.MergePatch),
      );
      expect(patched.data).to.deep.equal({ y: '2', z: '3' });
      expect(patched.metadata?.labels).to.deep.equal({ a: '1' });
    });

    it('replaces lists whole', async () => {
      const body = { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }] } } } };
      const patched = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'pool', body }, as(PatchStrategy.MergePatch));
      expect(patched.spec?.template.spec?.containers.map((c) => c.name)).to.deep.equal(['only']);
    });

    it('answers 409 when it carries a stale resourceVersion', async () => {
      const status = await failure(() =>
        core.patchNamespacedConfigMap(
          { namespace: 'default', name: 'cm', body: { metadata: { resourceVersion: '1' }, data: { x: '9' } } },
          as(PatchStrategy.MergePatch),
        ),
      );
      expect(status).to.deep.include({ code: 409, reason: 'Conflict' });
    });
  });

  describe('when a JSON patch is sent', () => {
    it('applies add, replace, remove and test operations in order', async () => {
      const body = [
        { op: 'test', path: '/data/x', value: '1' },
        { op: 'replace', path: '/data/x', value: 'one' },
        { op: 'remove', path: '/data/y' },
        { op: 'add', path: '/metadata/labels/c', value: '3' },
      ];
      const patched = await core.patchNamespacedConfigMap({ namespace: 'default', name: 'cm', body }, as(PatchStrategy.JsonPatch));
      expect(patched.data).to.deep.equal({ x: 'one' });
      expect(patched.metadata?.labels).to.deep.equal({ a: '1', b: '2', c: '3' });
    });

    it('answers 422 when a test operation fails, and changes nothing', async () => {
      const before = await core.readNamespacedConfigMap({ namespace: 'default', name: 'cm' });
      const body = [
        { op: 'test', path: '/data/x', value: 'nope' },
        { op: 'remove', path: '/data/x' },
      ];
      const status = await failure(() =>
        core.patchNamespacedConfigMap({ namespace: 'default', name: 'cm', body }, as(PatchStrategy.JsonPatch)),
      );
      expect(status.code).to.equal(422);
      const after = await core.readNamespacedConfigMap({ namespace: 'default', name: 'cm' });
      expect(after.metadata?.resourceVersion).to.equal(before.metadata?.resourceVersion);
    });
  });

  describe('when a strategic merge patch is sent to a built-in kind', () => {
    it('merges containers and env by name and ports by containerPort', async () => {
      const body = {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'example/app:2',
                  env: [
                    { name: 'B', value: 'two' },
                    { name: 'C', value: '3' },
                  ],
                  ports: [{ containerPort: 9090, name: 'metrics' }],
                },
              ],
            },
          },
        },
      };
      const patched = await apps.patchNamespacedDeployment(
        { namespace: 'default', name: 'pool', body },
        as(PatchStrategy.StrategicMergePatch),
      );
      const containers = patched.spec?.template.spec?.containers ?? [];
      expect(containers.map((c) => `${c.name}=${c.image}`)).to.deep.equal(['app=example/app:2', 'sidecar=example/sidecar:1']);
      expect(containers[0].env).to.deep.equal([
        { name: 'A', value: '1' },
        { name: 'B', value: 'two' },
        { name: 'C', value: '3' },
      ]);
      expect(containers[0].ports?.map((p) => p.containerPort)).to.deep.equal([8080, 9090]);
    });

    it('deletes list elements with $patch: delete and bumps generation', async () => {
      const body = { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } };
      const patched = await apps.patchNamespacedDeployment(
        { namespace: 'default', name: 'pool', body },
        as(PatchStrategy.StrategicMergePatch),
      );
      expect(patched.spec?.template.spec?.containers.map((c) => c.name)).to.deep.equal(['app']);
      expect(patched.metadata?.generation).to.equal(2);
    });

    it('merges status conditions by type through /status', async () => {
      await apps.patchNamespacedDeploymentStatus(
        {
          namespace: 'default',
          name: 'pool',
          body: {
            status: {
              conditions: [
                { type: 'Available', status: 'False' },
                { type: 'Progressing', status: 'True' },
              ],
            },
          },
        },
        as(PatchStrategy.StrategicMergePatch),
      );
      const patched = await apps.patchNamespacedDeploymentStatus(
        { namespace: 'default', name: 'pool', body: { status: { conditions: [{ type: 'Available', status: 'True' }] } } },
        as(PatchStrategy.StrategicMergePatch),
      );
      expect(patched.status?.conditions?.map((c) => `${c.type}=${c.status}`)).to.deep.equal(['Available=True', 'Progressing=True']);
      expect(patched.metadata?.generation).to.equal(1);
    });

    it('merges Service ports by port', async () => {
      await core.createNamespacedService({
        namespace: 'default',
        body: { metadata: { name: 'svc' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
      });
      const patched = await core.patchNamespacedService(
        { namespace: 'default', name: 'svc', body: { spec: { ports: [{ name: 'metrics', port: 9090 }] } } },
        as(PatchStrategy.StrategicMergePatch),
      );
      expect(patched.spec?.ports?.map((p) => p.port)).to.deep.equal([80, 9090]);
      expect(patched.spec?.ports?.[1].protocol).to.equal('TCP');
    });

    it('unions finalizers', async () => {
      await core.patchNamespacedConfigMap(
        { namespace: 'default', name: 'cm', body: { metadata: { finalizers: ['a/x'] } } },
        as(PatchStrategy.StrategicMergePatch),
      );
      const patched = await core.patchNamespacedConfigMap(
        { namespace: 'default', name: 'cm', body: { metadata: { finalizers: ['b/y'] } } },
        as(PatchStrategy.StrategicMergePatch),
      );
      expect(patched.metadata?.finalizers).to.deep.equal(['a/x', 'b/y']);
    });
  });

  describe('when a strategic merge patch is sent to a custom resource', () => {
    it('answers 415 UnsupportedMediaType', async () => {
      const custom = server.kubeConfig().makeApiClient(CustomObjectsApi);
      const ref = { group: 'test.example.com', version: 'v1', namespace: 'default', plural: 'widgets', name: 'w' };
      await custom.createNamespacedCustomObject({
        ...ref,
        body: { apiVersion: 'test.example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { color: 'red' } },
      });
      const status = await failure(() =>
        custom.patchNamespacedCustomObject({ ...ref, body: { spec: { color: 'blue' } } }, as(PatchStrategy.StrategicMergePatch)),
      );
      expect(status).to.deep.include({ code: 415, reason: 'UnsupportedMediaType' });
    });
  });
});
