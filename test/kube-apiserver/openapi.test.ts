import { expect } from 'chai';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths.ts';
import { startKubeApiServer, type KubeApiServer } from './server.ts';

const DOCCONVERSION_CRD = path.join(REPO_ROOT, 'crds', 'docconversion.yaml');

interface Operation {
  'x-kubernetes-group-version-kind': { group: string; version: string; kind: string };
  parameters: Array<{ name: string; in: string }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

describe('kube-apiserver test server: OpenAPI v3', () => {
  let server: KubeApiServer;

  before(async () => {
    server = await startKubeApiServer({ crdFiles: [DOCCONVERSION_CRD] });
  });
  after(async () => {
    await server.close();
  });

  async function getJson<T>(relative: string): Promise<T> {
    const response = await fetch(`${server.url}${relative}`);
    expect(response.status, relative).to.equal(200);
    return (await response.json()) as T;
  }

  describe('when a client reads the index (/openapi/v3)', () => {
    it('lists each group version with a hashed address that serves its document', async () => {
      const index = await getJson<{ paths: Record<string, { serverRelativeURL: string }> }>('/openapi/v3');
      expect(index.paths).to.include.keys('api/v1', 'apis/apps/v1', 'apis/apiextensions.k8s.io/v1', 'apis/docc2context.io/v1alpha1');
      const address = index.paths['apis/docc2context.io/v1alpha1'].serverRelativeURL;
      expect(address).to.match(/^\/openapi\/v3\/apis\/docc2context\.io\/v1alpha1\?hash=[0-9A-F]{128}$/);
      expect((await getJson<Document>(address)).paths).to.have.property(
        '/apis/docc2context.io/v1alpha1/namespaces/{namespace}/docconversions/{name}',
      );
    });
  });

  describe('when a client reads a group version document', () => {
    it('tags the PATCH operation with the kind and the fieldValidation query parameter (what kubectl --validate=strict looks for)', async () => {
      const document = await getJson<Document>('/openapi/v3/api/v1');
      const patch = document.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch;
      expect(patch['x-kubernetes-group-version-kind']).to.deep.equal({ group: '', version: 'v1', kind: 'ConfigMap' });
      expect(patch.parameters.filter((p) => p.name === 'fieldValidation').map((p) => p.in)).to.deep.equal(['query']);
      expect(document.paths).to.have.property('/api/v1/namespaces/{name}');
    });

    it('publishes a custom resource with its openAPIV3Schema', async () => {
      const document = await getJson<Document>('/openapi/v3/apis/docc2context.io/v1alpha1');
      expect(document.components.schemas['io.docc2context.v1alpha1.DocConversion'].properties).to.include.keys('spec', 'status');
    });
  });

  describe('when the group version is not served', () => {
    it('answers 404', async () => {
      expect((await fetch(`${server.url}/openapi/v3/apis/nothing.example.com/v1`)).status).to.equal(404);
    });
  });
});
