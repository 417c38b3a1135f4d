import { expect } from 'chai';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths.ts';
import { humanAge } from './http/table.ts';
import { startKubeApiServer, type KubeApiServer } from './server.ts';

const DOCCONVERSION_CRD = path.join(REPO_ROOT, 'crds', 'docconversion.yaml');
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const CREATED = new Date('2026-01-01T00:00:00Z');

interface Table {
  kind: string;
  columnDefinitions: Array<{ name: string; type: string; priority: number }>;
  rows: Array<{ cells: unknown[]; object: { kind: string; metadata: { name: string } } }>;
}

describe('kube-apiserver test server: Table answers (kubectl get)', () => {
  let server: KubeApiServer;
  let now = CREATED;

  before(async () => {
    server = await startKubeApiServer({ crdFiles: [DOCCONVERSION_CRD], clock: () => now });
    server.store.create({
      apiVersion: 'docc2context.io/v1alpha1',
      kind: 'DocConversion',
      metadata: { name: 'done', namespace: 'default' },
      spec: { source: { url: 'https://example.com/a.zip' } },
    });
    server.store.mutate(
      { apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion', namespace: 'default', name: 'done' },
      (obj) => {
        obj.status = {
          phase: 'Succeeded',
          duration: '2s',
          result: { files: 7 },
          conditions: [
            { type: 'Ready', status: 'True', reason: 'Other', message: '', lastTransitionTime: CREATED.toISOString() },
            { type: 'Succeeded', status: 'True', reason: 'Converted', message: '', lastTransitionTime: CREATED.toISOString() },
          ],
        };
      },
      'status',
    );
    now = new Date(CREATED.getTime() + 300_000);
  });
  after(async () => {
    await server.close();
  });

  async function get(relative: string, accept = TABLE): Promise<Table> {
    const response = await fetch(`${server.url}${relative}`, { headers: { Accept: accept } });
    expect(response.status).to.equal(200);
    return (await response.json()) as Table;
  }

  describe('when a list of custom resources is asked for as a Table', () => {
    it('answers Name then the additionalPrinterColumns, evaluated per object', async () => {
      const table = await get('/apis/docc2context.io/v1alpha1/namespaces/default/docconversions');
      expect(table.kind).to.equal('Table');
      expect(table.columnDefinitions.map((c) => [c.name, c.type, c.priority])).to.deep.equal([
        ['Name', 'string', 0],
        ['Phase', 'string', 0],
        ['Files', 'integer', 0],
        ['Duration', 'string', 0],
        ['Age', 'date', 0],
        ['Reason', 'string', 1],
      ]);
      expect(table.rows).to.have.length(1);
      expect(table.rows[0].cells).to.deep.equal(['done', 'Succeeded', 7, '2s', '5m', 'Converted']);
      expect(table.rows[0].object).to.deep.include({ kind: 'PartialObjectMetadata' });
      expect(table.rows[0].object.metadata.name).to.equal('done');
    });
  });

  describe('when one object is asked for as a Table and a column has no value', () => {
    it('answers one row with null cells', async () => {
      server.store.create({
        apiVersion: 'docc2context.io/v1alpha1',
        kind: 'DocConversion',
        metadata: { name: 'new', namespace: 'default' },
        spec: { source: { url: 'https://example.com/b.zip' } },
      });
      const table = await get('/apis/docc2context.io/v1alpha1/namespaces/default/docconversions/new');
      expect(table.rows.map((r) => r.cells)).to.deep.equal([['new', null, null, null, '0s', null]]);
    });
  });

  describe('when a built-in kind is asked for as a Table', () => {
    it('answers Name and Age', async () => {
      const table = await get('/api/v1/namespaces');
      expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Age']);
      expect(table.rows.map((r) => r.cells[0])).to.include('default');
    });
  });

  describe('when the client asks for plain JSON', () => {
    it('answers the list itself', async () => {
      const list = await get('/apis/docc2context.io/v1alpha1/namespaces/default/docconversions', 'application/json');
      expect(list.kind).to.equal('DocConversionList');
    });
  });

  describe('humanAge', () => {
    it('counts like kubectl: seconds under 2 minutes, then minutes, hours, days', () => {
      const at = (seconds: number): string => humanAge(CREATED, new Date(CREATED.getTime() + seconds * 1000));
      expect([at(-5), at(119), at(120), at(7199), at(7200), at(48 * 3600)]).to.deep.equal(['0s', '119s', '2m', '119m', '2h', '2d']);
    });
  });
});
