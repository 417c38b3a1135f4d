import { expect } from 'chai';
import { MAX_KEY_LENGTH, configMapKeys } from '../../../../operator/controllers/docconversion/output-keys.ts';

const VALID_KEY = /^[-._a-zA-Z0-9]+$/;

describe('configMapKeys', () => {
  describe('when paths are plain', () => {
    it('drops markdown/ and turns folders into underscores', () => {
      const keys = configMapKeys(['markdown/index.md', 'markdown/documentation/slothcreator/sloth.md']);
      expect([...keys.values()]).to.deep.equal(['documentation_slothcreator_sloth.md', 'index.md']);
    });
  });

  describe('when paths hold characters a key cannot', () => {
    it('replaces them with dashes', () => {
      const keys = configMapKeys(['markdown/init(name:color:).md']);
      expect(keys.get('markdown/init(name:color:).md')).to.equal('init-name-color--.md');
    });
  });

  describe('when two paths map to the same key', () => {
    it('gives both a digest suffix, the same on every run', () => {
      const paths = ['markdown/a/b.md', 'markdown/a_b.md'];
      const keys = configMapKeys(paths);
      const again = configMapKeys([...paths].reverse());
      expect(new Set(keys.values()).size).to.equal(2);
      expect([...keys.values()].every((key) => /^a_b-[0-9a-f]{8}\.md$/.test(key))).to.equal(true);
      expect(again.get('markdown/a/b.md')).to.equal(keys.get('markdown/a/b.md'));
    });
  });

  describe('when a path is longer than a key may be', () => {
    it('cuts it and keeps it valid, unique and under the limit', () => {
      const long = `markdown/${'x'.repeat(400)}.md`;
      const key = configMapKeys([long]).get(long) ?? '';
      expect(key.length).to.be.at.most(MAX_KEY_LENGTH);
      expect(key).to.match(VALID_KEY);
      expect(key.endsWith('.md')).to.equal(true);
    });
  });
});
