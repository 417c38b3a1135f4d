import { expect } from 'chai';
import { parse as parseCel } from '@marcbachmann/cel-js';
import type { StructuralSchema } from '../support/crd-schema.ts';
import { loadDocConversionCrd } from '../support/docconversion.ts';

type Node = { path: string; schema: StructuralSchema };

function walk(schema: StructuralSchema, path = ''): Node[] {
  const children = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => walk(child, `${path}.${key}`));
  const items = schema.items ? walk(schema.items, `${path}[*]`) : [];
  return [{ path: path || '.', schema }, ...children, ...items];
}

describe('crds/docconversion.yaml', () => {
  const crd = loadDocConversionCrd();
  const [version] = crd.spec.versions;
  const nodes = walk(version.schema.openAPIV3Schema);

  it('serves one stored version, namespaced, with the status subresource and the agreed names', () => {
    expect(crd.spec.versions).to.have.length(1);
    expect(version).to.include({ name: 'v1alpha1', served: true, storage: true });
    expect(version.subresources).to.deep.equal({ status: {} });
    expect(crd.spec.scope).to.equal('Namespaced');
    expect(crd.spec.names).to.deep.include({ shortNames: ['dconv'], categories: ['docc2context'] });
  });

  it('is a structural schema: every node declares its type', () => {
    const untyped = nodes.filter(({ path, schema }) => path !== '.metadata' && schema.type === undefined);
    expect(untyped.map(({ path }) => path)).to.deep.equal([]);
  });

  it('bounds every string and list, so CEL cost estimates stay within the API server budget', () => {
    const unbounded = nodes.filter(({ path, schema }) => path.startsWith('.spec') &&
      ((schema.type === 'string' && schema.enum === undefined && schema.maxLength === undefined && schema.pattern === undefined) ||
        (schema.type === 'array' && schema.maxItems === undefined)));
    expect(unbounded.map(({ path }) => path)).to.deep.equal([]);
  });

  it('has CEL rules that parse', () => {
    const rules = nodes.flatMap(({ schema }) => schema['x-kubernetes-validations'] ?? []);
    expect(rules).to.have.length(6);
    for (const { rule } of rules) expect(() => parseCel(rule), rule).not.to.throw();
  });

  it('prints Phase, Files, Duration, Age and (wide) Reason from fields that exist', () => {
    const columns = version.additionalPrinterColumns ?? [];
    expect(columns.map((column) => [column.name, column.priority ?? 0])).to.deep.equal([
      ['Phase', 0], ['Files', 0], ['Duration', 0], ['Age', 0], ['Reason', 1],
    ]);
    const paths = new Set(nodes.map(({ path }) => path.replace('[*]', '')));
    for (const { name, jsonPath } of columns) {
      const field = jsonPath.replace(/\[\?\(.*\)\]/, '');
      expect(name === 'Age' || paths.has(field), `${name}: ${jsonPath}`).to.equal(true);
    }
  });

  it('declares conditions as a map list keyed by type, so server-side apply merges them', () => {
    const conditions = nodes.find(({ path }) => path === '.status.conditions')!.schema;
    expect(conditions['x-kubernetes-list-type']).to.equal('map');
    expect(conditions['x-kubernetes-list-map-keys']).to.deep.equal(['type']);
  });
});
