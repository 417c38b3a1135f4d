import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS } from './test-helpers.ts';

describe('kube-apiserver test server: server-side field validation (fieldValidation)', () => {
  let server: KubeApiServer;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS] });
  });
  afterEach(async () => {
    await server.close();
  });

  function widget(spec: Record<string, unknown>): Record<string, unknown> {
    return { apiVersion: 'test.example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec };
  }

  function create(directive: string | undefined, body: unknown): Promise<Response> {
    const query = directive ? `?fieldValidation=${directive}` : '';
    return fetch(`${server.url}/apis/test.example.com/v1/namespaces/default/widgets${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  const stored = (): Record<string, unknown> | undefined =>
    server.store.get({ apiVersion: 'test.example.com/v1', kind: 'Widget', namespace: 'default', name: 'w' });

  describe('when Strict and a custom resource carries unknown fields', () => {
    it('refuses it with 400 and the real server message naming every field', async () => {
      const response = await create('Strict', widget({ color: 'blue', size: 1, colour: 'red', shade: { a: 1 } }));
      expect(response.status).to.equal(400);
      const status = (await response.json()) as { reason: string; message: string };
      expect(status.reason).to.equal('BadRequest');
      expect(status.message).to.equal(
        'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour", unknown field "spec.shade"',
      );
      expect(stored()).to.equal(undefined);
    });
  });

  describe('when Warn and a custom resource carries unknown fields', () => {
    it('stores it pruned and answers a Warning header per field', async () => {
      const response = await create('Warn', widget({ color: 'blue', size: 1, colour: 'red' }));
      expect(response.status).to.equal(201);
      expect(response.headers.get('warning')).to.equal('299 - "unknown field \\"spec.colour\\""');
      expect(stored()?.spec).to.deep.equal({ color: 'blue', size: 1 });
    });
  });

  describe('when Ignore, or no fieldValidation', () => {
    it('prunes silently', async () => {
      const response = await create(undefined, widget({ color: 'blue', size: 1, colour: 'red' }));
      expect(response.status).to.equal(201);
      expect(response.headers.get('warning')).to.equal(null);
      expect(stored()?.spec).to.deep.equal({ color: 'blue', size: 1 });
    });
  });

  describe('when Strict and every field is known', () => {
    it('stores it', async () => {
      expect((await create('Strict', widget({ color: 'blue', size: 1 }))).status).to.equal(201);
    });
  });

  describe('when the directive is not one of Ignore, Warn, Strict', () => {
    it('answers 400', async () => {
      expect((await create('Loose', widget({ color: 'blue', size: 1 }))).status).to.equal(400);
    });
  });
});

describe('kube-apiserver test server: a CRD created through the API', () => {
  let server: KubeApiServer;

  before(async () => {
    server = await startKubeApiServer();
  });
  after(async () => {
    await server.close();
  });

  it('becomes Established and NamesAccepted soon after, as the apiextensions controller makes it', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'things.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Thing', plural: 'things' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    };
    const response = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(crd),
    });
    expect(response.status).to.equal(201);
    const ref = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'things.example.com' };
    const established = await server.store.waitFor(ref, (obj) =>
      ((obj?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
        (c) => c.type === 'Established' && c.status === 'True',
      ),
    );
    expect((established?.status as { conditions: { type: string }[] }).conditions.map((c) => c.type)).to.deep.equal([
      'NamesAccepted',
      'Established',
    ]);
  });
});
