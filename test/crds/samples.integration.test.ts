// The CRD and every sample applied through @kubernetes/client-node to the Kubernetes API test
// server, as `kubectl apply -f crds/ && kubectl apply -f crds/samples/` would.
import { expect } from 'chai';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { GROUP, PLURAL, VERSION } from '../../operator/api/constants.ts';
import { startKubeApiServer, type KubeApiServer } from '../kube-apiserver/server.ts';
import { CRD_FILE, loadSamples } from '../support/docconversion.ts';

describe('crds/samples on the Kubernetes API test server', () => {
  let server: KubeApiServer;

  before(async () => {
    server = await startKubeApiServer({ crdFiles: [CRD_FILE], namespaces: ['docs'] });
  });

  after(async () => {
    await server.close();
  });

  for (const sample of loadSamples()) {
    it(`creates ${sample.file} with its defaults applied`, async () => {
      const api = server.kubeConfig('docs').makeApiClient(CustomObjectsApi);
      await api.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: 'docs', plural: PLURAL, body: sample.object });
      const name = (sample.object.metadata as { name: string }).name;
      const stored = (await api.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: 'docs', plural: PLURAL, name })) as { spec: Record<string, unknown>; metadata: { generation: number } };
      expect(stored.metadata.generation).to.equal(1);
      expect(stored.spec.timeoutSeconds).to.equal(sample.object.spec.timeoutSeconds ?? 600);
      expect(stored.spec.retries).to.equal(sample.object.spec.retries ?? 2);
      expect(stored.spec.output).to.deep.equal(sample.object.spec.output ?? { retain: {} });
    });
  }
});
