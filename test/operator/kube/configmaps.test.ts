import { expect } from 'chai';
import { outputConfigMap } from '../../../operator/kube/configmaps.ts';
import { conversion } from '../controllers/docconversion/builders.ts';

describe('outputConfigMap', () => {
  describe('when built for a DocConversion', () => {
    const configMap = outputConfigMap(conversion(), 'sloth-md', { 'index.md': '# Index\n' });
    it('is owned by it as controller, in its namespace', () => {
      expect(configMap.metadata?.namespace).to.equal('docs');
      expect(configMap.metadata?.ownerReferences).to.deep.equal([
        {
          apiVersion: 'docc2context.io/v1alpha1',
          kind: 'DocConversion',
          name: 'sloth',
          uid: 'uid-1',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    });
    it('carries the files as data and the name label', () => {
      expect(configMap.data).to.deep.equal({ 'index.md': '# Index\n' });
      expect(configMap.metadata?.labels?.['docc2context.io/docconversion']).to.equal('sloth');
    });
  });

  describe('when the DocConversion name is longer than a label value may be', () => {
    it('leaves the name label off', () => {
      const long = conversion();
      long.metadata = { ...long.metadata, name: 'x'.repeat(100) };
      expect(outputConfigMap(long, 'out', {}).metadata?.labels).not.to.have.property('docc2context.io/docconversion');
    });
  });
});
