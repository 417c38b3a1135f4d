// The kinds the operator's converter pool adds to the test server: NetworkPolicies (built in,
// generation tracked, policyTypes defaulted) and the Prometheus operator's ServiceMonitor CRD
// (validated against its schema), next to Deployments, HPAs and PDBs.
import { expect } from 'chai';
import { KubeRest } from '../../operator/kube/rest.ts';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { SERVICE_MONITOR_CRD, failure } from './test-helpers.ts';

interface Stored {
  metadata: { generation?: number; resourceVersion?: string; name?: string };
  spec: Record<string, unknown>;
}

describe('kube-apiserver test server: converter pool kinds', () => {
  let server: KubeApiServer;
  let rest: KubeRest;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [SERVICE_MONITOR_CRD] });
    rest = new KubeRest(server.kubeConfig());
  });

  afterEach(async () => {
    await server.close();
  });

  describe('when a NetworkPolicy is created and its spec changes', () => {
    it('defaults policyTypes and bumps generation', async () => {
      const at = '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies';
      const created = await rest.request<Stored>({
        method: 'POST',
        path: at,
        body: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'pool' },
          spec: { podSelector: {}, egress: [{}] },
        },
      });
      expect(created.spec.policyTypes).to.deep.equal(['Ingress', 'Egress']);
      expect(created.metadata.generation).to.equal(1);
      const updated = await rest.request<Stored>({
        method: 'PUT',
        path: `${at}/pool`,
        body: { ...created, spec: { ...created.spec, ingress: [{}] } },
      });
      expect(updated.metadata.generation).to.equal(2);
    });
  });

  describe('when ServiceMonitors are written', () => {
    const at = '/apis/monitoring.coreos.com/v1/namespaces/default/servicemonitors';
    const monitor = (interval: string): unknown => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: `m-${interval}` },
      spec: { selector: { matchLabels: { app: 'x' } }, endpoints: [{ port: 'http', path: '/metrics', interval }] },
    });

    it('serves them with generation', async () => {
      const created = await rest.request<Stored>({ method: 'POST', path: at, body: monitor('30s') });
      expect(created.metadata.generation).to.equal(1);
    });

    it('refuses one that breaks the CRD schema with 422', async () => {
      const status = await failure(() => rest.request({ method: 'POST', path: at, body: monitor('half-a-minute') }));
      expect(status.code).to.equal(422);
      expect(JSON.stringify(status.details)).to.contain('interval');
    });
  });
});
