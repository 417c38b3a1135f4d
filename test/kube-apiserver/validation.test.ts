import { CustomObjectsApi } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { FIXTURE_CRDS, failure } from './test-helpers.ts';

interface Widget {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

const ref = { group: 'test.example.com', version: 'v1', namespace: 'default', plural: 'widgets' };
const widget = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Widget => ({
  apiVersion: 'test.example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  spec,
  ...extra,
});

describe('kube-apiserver test server: custom resource validation', () => {
  let server: KubeApiServer;
  let custom: CustomObjectsApi;

  beforeEach(async () => {
    server = await startKubeApiServer({ crdFiles: [FIXTURE_CRDS] });
    custom = server.kubeConfig().makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await server.close();
  });

  const create = async (body: Widget): Promise<Widget> => (await custom.createNamespacedCustomObject({ ...ref, body })) as Widget;

  describe('when a valid object is created', () => {
    it('applies defaults, including inside list elements', async () => {
      const created = await create(widget({ color: 'red', parts: [{ name: 'bolt' }, { name: 'nut', count: 4 }] }));
      expect(created.spec).to.deep.equal({
        color: 'red',
        size: 1,
        parts: [
          { name: 'bolt', count: 1 },
          { name: 'nut', count: 4 },
        ],
      });
    });

    it('prunes unknown fields but keeps those under x-kubernetes-preserve-unknown-fields', async () => {
      const created = await create(widget({ color: 'red', bogus: true, extra: { anything: { goes: [1] } } }, { topLevelJunk: 1 }));
      expect(created.spec).to.deep.equal({ color: 'red', size: 1, extra: { anything: { goes: [1] } } });
      expect(created).to.not.have.property('topLevelJunk');
    });

    it('accepts both forms of an int-or-string, null for a nullable field, and additionalProperties maps', async () => {
      await create(widget({ color: 'red', port: 8080, nickname: null, tags: { a: 'b' } }));
      const named = await custom.createNamespacedCustomObject({
        ...ref,
        body: { ...widget({ color: 'red', port: 'http' }), metadata: { name: 'w2' } },
      });
      expect((named as Widget).spec?.port).to.equal('http');
    });

    it('does not evaluate CEL rules (x-kubernetes-validations)', async () => {
      const created = await create(widget({ color: 'red', size: 500 }));
      expect(created.spec?.size).to.equal(500);
    });
  });

  describe('when an invalid object is created', () => {
    it('answers 422 Invalid with one cause per field, in the apiserver shape', async () => {
      const status = await failure(() =>
        create(widget({ color: 'purple', size: 0, port: true, homepage: 'not a uri', nickname: 'far-too-long-name' })),
      );
      expect(status).to.deep.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 422, reason: 'Invalid' });
      expect(status.details).to.deep.include({ name: 'w', group: 'test.example.com', kind: 'Widget' });
      const byField = Object.fromEntries((status.details?.causes ?? []).map((c) => [c.field, c.reason]));
      expect(byField).to.deep.equal({
        'spec.color': 'FieldValueNotSupported',
        'spec.size': 'FieldValueInvalid',
        'spec.port': 'FieldValueInvalid',
        'spec.homepage': 'FieldValueInvalid',
        'spec.nickname': 'FieldValueInvalid',
      });
      expect(status.message).to.match(/^Widget\.test\.example\.com "w" is invalid: \[/);
      expect(status.message).to.include('spec.color: Unsupported value: "purple": supported values: "red", "green", "blue"');
    });

    it('names missing required fields, with list indices in the path', async () => {
      const status = await failure(() => create(widget({ parts: [{ count: 2 }] })));
      const causes = (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
      expect(causes).to.have.members(['spec.color: Required value', 'spec.parts[0].name: Required value']);
    });

    it('reports wrong types as FieldValueTypeInvalid', async () => {
      const status = await failure(() => create(widget({ color: 'red', size: 'big' })));
      expect(status.details?.causes).to.deep.equal([
        {
          reason: 'FieldValueTypeInvalid',
          message: 'Invalid value: "big": spec.size in body must be of type integer: "string"',
          field: 'spec.size',
        },
      ]);
    });

    it('stores nothing', async () => {
      await failure(() => create(widget({ color: 'purple' })));
      expect(server.store.get({ apiVersion: 'test.example.com/v1', kind: 'Widget', namespace: 'default', name: 'w' })).to.equal(undefined);
    });
  });

  describe('when a field with the transition rule self == oldSelf is changed', () => {
    it('answers 422 with the rule message, and accepts setting it the first time', async () => {
      const created = await create(widget({ color: 'red' }));
      const withSerial = (await custom.replaceNamespacedCustomObject({
        ...ref,
        name: 'w',
        body: { ...created, spec: { color: 'red', serial: 'A1' } },
      })) as Widget;
      const status = await failure(() =>
        custom.replaceNamespacedCustomObject({ ...ref, name: 'w', body: { ...withSerial, spec: { color: 'red', serial: 'B2' } } }),
      );
      expect(status.details?.causes).to.deep.equal([
        { reason: 'FieldValueInvalid', message: 'Invalid value: "B2": serial is immutable', field: 'spec.serial' },
      ]);
    });
  });

  describe('when status is written', () => {
    it('validates and prunes it against the schema too', async () => {
      const created = await create(widget({ color: 'red' }));
      const bad = await failure(() =>
        custom.replaceNamespacedCustomObjectStatus({
          ...ref,
          name: 'w',
          body: { ...created, status: { conditions: [{ type: 'Ready' }] } },
        }),
      );
      expect(bad.details?.causes?.map((c) => c.field)).to.deep.equal(['status.conditions[0].status']);
      const pruned = (await custom.replaceNamespacedCustomObjectStatus({
        ...ref,
        name: 'w',
        body: { ...created, status: { phase: 'Done', junk: 1 } },
      })) as Widget;
      expect(pruned.status).to.deep.equal({ phase: 'Done' });
    });
  });

  describe('when a cluster-scoped custom resource is served', () => {
    it('lives outside namespaces', async () => {
      const body = { apiVersion: 'test.example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { mode: 'fast' } };
      const created = (await custom.createClusterCustomObject({
        group: 'test.example.com',
        version: 'v1',
        plural: 'gadgets',
        body,
      })) as Widget;
      expect(created.metadata).to.not.have.property('namespace');
      const list = (await custom.listClusterCustomObject({ group: 'test.example.com', version: 'v1', plural: 'gadgets' })) as {
        items: Widget[];
      };
      expect(list.items.map((i) => i.metadata.name)).to.deep.equal(['g']);
    });
  });
});
