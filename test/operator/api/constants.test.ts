import { expect } from 'chai';
import * as api from '../../../operator/api/constants.ts';
import { loadDocConversionCrd } from '../../support/docconversion.ts';
import type { StructuralSchema } from '../../support/crd-schema.ts';

describe('operator/api/constants', () => {
  const crd = loadDocConversionCrd();
  const version = crd.spec.versions[0];
  const root = version.schema.openAPIV3Schema;
  const at = (...keys: string[]): StructuralSchema =>
    keys.reduce<StructuralSchema>((node, key) => (key === '[]' ? node.items! : node.properties![key]), root);

  describe('when compared with crds/docconversion.yaml', () => {
    it('names the same group, version, kind, plural and short name', () => {
      expect(crd.metadata.name).to.equal(api.CRD_NAME);
      expect(crd.spec.group).to.equal(api.GROUP);
      expect(version.name).to.equal(api.VERSION);
      expect(crd.spec.names).to.include({ kind: api.KIND, listKind: api.LIST_KIND, plural: api.PLURAL, singular: api.SINGULAR });
      expect(crd.spec.names.shortNames).to.deep.equal([api.SHORT_NAME]);
    });

    it('lists the same phases and condition statuses', () => {
      expect(at('status', 'phase').enum).to.deep.equal([...api.PHASES]);
      expect(at('status', 'conditions', '[]', 'status').enum).to.deep.equal([...api.CONDITION_STATUSES]);
    });

    it('has the same spec defaults', () => {
      expect(at('spec', 'timeoutSeconds').default).to.equal(api.DEFAULT_TIMEOUT_SECONDS);
      expect(at('spec', 'retries').default).to.equal(api.DEFAULT_RETRIES);
    });

    it('prints the reason of the summary condition', () => {
      const reason = version.additionalPrinterColumns?.find((column) => column.name === 'Reason');
      expect(reason?.jsonPath).to.equal(`.status.conditions[?(@.type=="${api.CONDITION_SUCCEEDED}")].reason`);
    });
  });

  describe('reasons', () => {
    it('are UpperCamelCase and valid condition reasons', () => {
      const pattern = new RegExp(at('status', 'conditions', '[]', 'reason').pattern as string);
      for (const reason of Object.values(api.REASONS)) {
        expect(reason).to.match(/^[A-Z][A-Za-z]+$/);
        expect(reason).to.match(pattern);
      }
    });

    it('are all different', () => {
      const values = Object.values(api.REASONS);
      expect(new Set(values).size).to.equal(values.length);
    });
  });

  it('spells the finalizer as a qualified name in the API group', () => {
    expect(api.FINALIZER).to.equal('docc2context.io/cleanup');
    expect(api.FIELD_MANAGER).to.equal('docc2context-operator');
  });
});
