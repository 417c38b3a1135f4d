import { ApisApi, AutoscalingV2Api, CoreApi, CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS, failure } from './test-helpers.ts';

describe('kube-apiserver test server: discovery and built-in kinds', () => {
  let server: KubeApiServer;

  before(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS] });
  });

  after(async () => {
    await server.close();
  });

  describe('when a client discovers the API', () => {
    it('lists the core version and every group', async () => {
      const kc = server.kubeConfig();
      expect((await kc.makeApiClient(CoreApi).getAPIVersions()).versions).to.deep.equal(['v1']);
      const groups = (await kc.makeApiClient(ApisApi).getAPIVersions()).groups.map((g) => g.name);
      expect(groups).to.include.members([
        'apps',
        'autoscaling',
        'policy',
        'coordination.k8s.io',
        'events.k8s.io',
        'apiextensions.k8s.io',
        'test.example.com',
      ]);
      expect((await kc.makeApiClient(VersionApi).getCode()).major).to.equal('1');
    });

    it('describes the resources of a group version, subresources included', async () => {
      const response = await fetch(`${server.url}/apis/test.example.com/v1`);
      const list = (await response.json()) as { kind: string; resources: Array<{ name: string; namespaced: boolean; kind: string }> };
      expect(list.kind).to.equal('APIResourceList');
      expect(list.resources.map((r) => r.name)).to.deep.equal(['widgets', 'widgets/status', 'gadgets']);
      expect(list.resources[0]).to.deep.include({ namespaced: true, kind: 'Widget' });
    });

    it('serves the CRDs it was given as Established CustomResourceDefinitions', async () => {
      const response = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.example.com`);
      const crd = (await response.json()) as { status: { conditions: Array<{ type: string; status: string }> } };
      expect(crd.status.conditions.find((c) => c.type === 'Established')?.status).to.equal('True');
    });
  });

  describe('when a CRD is created through the API', () => {
    it('serves its resource right away', async () => {
      const crd = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'things.late.example.com' },
        spec: {
          group: 'late.example.com',
          scope: 'Namespaced',
          names: { kind: 'Thing', plural: 'things' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          ],
        },
      };
      const created = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
        method: 'POST',
        body: JSON.stringify(crd),
        headers: { 'content-type': 'application/json' },
      });
      expect(created.status).to.equal(201);
      const thing = await fetch(`${server.url}/apis/late.example.com/v1/namespaces/default/things`, {
        method: 'POST',
        body: JSON.stringify({ apiVersion: 'late.example.com/v1', kind: 'Thing', metadata: { name: 't' }, anything: 1 }),
        headers: { 'content-type': 'application/json' },
      });
      expect(thing.status).to.equal(201);
    });
  });

  describe('when the built-in kinds the operator uses are written', () => {
    it('serves Secrets, Services and HPAs with their own rules', async () => {
      const kc = server.kubeConfig();
      const core = kc.makeApiClient(CoreV1Api);
      const secret = await core.createNamespacedSecret({
        namespace: 'default',
        body: { metadata: { name: 's' }, stringData: { a: 'b' }, type: 'Opaque' },
      });
      expect(secret.metadata?.generation).to.equal(undefined);
      expect(secret.data).to.deep.equal({ a: Buffer.from('b').toString('base64') });
      expect(secret).to.not.have.property('stringData');
      const service = await core.createNamespacedService({
        namespace: 'default',
        body: { metadata: { name: 'svc' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } },
      });
      expect(service.spec?.type).to.equal('ClusterIP');
      const hpas = kc.makeApiClient(AutoscalingV2Api);
      const hpa = await hpas.createNamespacedHorizontalPodAutoscaler({
        namespace: 'default',
        body: {
          metadata: { name: 'h' },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'pool' }, minReplicas: 1, maxReplicas: 4 },
        },
      });
      expect(hpa.metadata?.generation).to.equal(1);
      const status = await failure(() => hpas.readNamespacedHorizontalPodAutoscaler({ namespace: 'default', name: 'missing' }));
      expect(status.message).to.equal('horizontalpodautoscalers.autoscaling "missing" not found');
    });

    it('answers 405 to a verb the path does not take', async () => {
      const response = await fetch(`${server.url}/api/v1/namespaces/default/configmaps`, { method: 'PUT', body: '{}' });
      expect(response.status).to.equal(405);
      expect(await response.json()).to.deep.include({ reason: 'MethodNotAllowed' });
    });
  });
});
