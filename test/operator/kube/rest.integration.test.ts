import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { V1MicroTime, type EventsV1Event, type V1ConfigMap } from '@kubernetes/client-node';
import { isConflict, isNotFound, statusCodeOf } from '../../../operator/kube/api-errors.ts';
import { makeClients } from '../../../operator/kube/client.ts';
import { MERGE_PATCH, KubeRest, apiPath } from '../../../operator/kube/rest.ts';
import { startKubeApiServer, type KubeApiServer } from '../../kube-apiserver/server.ts';
import { kubeConfigFor } from '../../kube-apiserver/kubeconfig.ts';

const NS = 'default';
const configMap = (name: string, data: Record<string, string>): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: NS },
  data,
});

describe('KubeRest and the clients built on it', () => {
  describe('against the Kubernetes API test server', () => {
    let server: KubeApiServer;

    beforeEach(async () => {
      server = await startKubeApiServer();
    });

    afterEach(async () => {
      await server.close();
    });

    it('creates, reads and replaces ConfigMaps, returning the stored objects', async () => {
      const { configMaps } = makeClients(server.kubeConfig());
      const created = await configMaps.createNamespacedConfigMap({ namespace: NS, body: configMap('out', { a: '1' }) });
      expect(created.metadata?.resourceVersion).to.be.a('string');
      const read = await configMaps.readNamespacedConfigMap({ namespace: NS, name: 'out' });
      expect(read.data).to.deep.equal({ a: '1' });
      const replaced = await configMaps.replaceNamespacedConfigMap({ namespace: NS, name: 'out', body: { ...read, data: { a: '2' } } });
      expect(replaced.data).to.deep.equal({ a: '2' });
    });

    it('throws errors that carry the HTTP status: 404 for a missing object, 409 for a stale write', async () => {
      const { configMaps } = makeClients(server.kubeConfig());
      const missing = await configMaps.readNamespacedConfigMap({ namespace: NS, name: 'nope' }).catch((error: unknown) => error);
      expect(isNotFound(missing)).to.equal(true);
      const created = await configMaps.createNamespacedConfigMap({ namespace: NS, body: configMap('cm', {}) });
      await configMaps.replaceNamespacedConfigMap({ namespace: NS, name: 'cm', body: { ...created, data: { b: '1' } } });
      const stale = await configMaps
        .replaceNamespacedConfigMap({ namespace: NS, name: 'cm', body: { ...created, data: { b: '2' } } })
        .catch((error: unknown) => error);
      expect(isConflict(stale)).to.equal(true);
    });

    it('sends Event times with microseconds, as events.k8s.io/v1 requires', async () => {
      const { events } = makeClients(server.kubeConfig());
      const body: EventsV1Event = {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: NS },
        eventTime: new V1MicroTime(Date.UTC(2026, 0, 1)),
        reportingController: 'docc2context.io/operator',
        reportingInstance: 'test',
        action: 'Dispatch',
        reason: 'Dispatched',
        type: 'Normal',
      };
      await events.createNamespacedEvent({ namespace: NS, body });
      const stored = server.store.get({ apiVersion: 'events.k8s.io/v1', kind: 'Event', namespace: NS, name: 'e1' });
      expect(stored?.eventTime).to.equal('2026-01-01T00:00:00.000000Z');
    });

    it('reports a failing server as an error with its status code', async () => {
      server.controls.failNext({ verb: 'get', resource: 'configmaps', status: 503 });
      const rest = new KubeRest(server.kubeConfig());
      const error = await rest
        .request({ method: 'GET', path: apiPath('/api/v1/namespaces', NS, 'configmaps', 'x') })
        .catch((e: unknown) => e);
      expect(statusCodeOf(error)).to.equal(503);
    });
  });

  describe('on the wire', () => {
    let listener: http.Server;
    let seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[];

    beforeEach(async () => {
      seen = [];
      listener = http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          seen.push({ method: request.method, url: request.url, headers: request.headers, body });
          response.setHeader('Content-Type', 'application/json');
          response.end('{"kind":"Status"}');
        });
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    });

    afterEach(async () => {
      const closed = new Promise((resolve) => listener.close(resolve));
      listener.closeAllConnections();
      await closed;
    });

    it('authenticates with the kubeconfig, encodes path segments, and sends the body with its content type and query', async () => {
      const { port } = listener.address() as AddressInfo;
      const rest = new KubeRest(kubeConfigFor(`http://127.0.0.1:${port}`));
      const path = apiPath('/apis/docc2context.io/v1alpha1/namespaces', NS, 'docconversions', 'a b', 'status');
      const answer = await rest.request({
        method: 'PATCH',
        path,
        query: { fieldManager: 'docc2context-operator' },
        body: { status: { phase: 'Running' } },
        contentType: MERGE_PATCH,
      });
      expect(answer).to.deep.equal({ kind: 'Status' });
      expect(seen).to.have.length(1);
      expect(seen[0].method).to.equal('PATCH');
      expect(seen[0].url).to.equal(
        '/apis/docc2context.io/v1alpha1/namespaces/default/docconversions/a%20b/status?fieldManager=docc2context-operator',
      );
      expect(seen[0].headers.authorization).to.equal('Bearer test-token');
      expect(seen[0].headers['content-type']).to.equal(MERGE_PATCH);
      expect(JSON.parse(seen[0].body)).to.deep.equal({ status: { phase: 'Running' } });
    });
  });
});
