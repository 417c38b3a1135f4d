import { expect } from 'chai';
import { jsonPatch, JsonPatchError } from './json-patch.ts';
import { mergePatch } from './merge-patch.ts';
import { strategicMerge } from './strategic-merge.ts';

describe('patch documents', () => {
  describe('when a merge patch is applied', () => {
    it('follows RFC 7386: nested merge, null deletes, arrays replace', () => {
      expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] })).to.deep.equal({ a: { c: 2, d: 3 }, l: [3] });
    });

    it('does not mutate its input', () => {
      const target = { a: { b: 1 } };
      mergePatch(target, { a: { b: 2 } });
      expect(target).to.deep.equal({ a: { b: 1 } });
    });
  });

  describe('when a JSON patch is applied', () => {
    it('supports move, copy, array insertion and escaped pointers', () => {
      const doc = { a: [1, 3], 'x/y': { '~t': 1 } };
      const result = jsonPatch(doc, [
        { op: 'add', path: '/a/1', value: 2 },
        { op: 'add', path: '/a/-', value: 4 },
        { op: 'copy', from: '/x~1y/~0t', path: '/copied' },
        { op: 'move', from: '/copied', path: '/moved' },
      ]);
      expect(result).to.deep.equal({ a: [1, 2, 3, 4], 'x/y': { '~t': 1 }, moved: 1 });
    });

    it('fails on a missing path or an out-of-range index', () => {
      expect(() => jsonPatch({}, [{ op: 'remove', path: '/nope' }])).to.throw(JsonPatchError);
      expect(() => jsonPatch({ a: [] }, [{ op: 'replace', path: '/a/3', value: 1 }])).to.throw(JsonPatchError);
    });
  });

  describe('when a strategic merge patch is applied', () => {
    const keys = { containers: ['name'], env: ['name'] };

    it('replaces a keyed list with $patch: replace', () => {
      const result = strategicMerge(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        { containers: [{ name: 'c' }, { $patch: 'replace' }] },
        keys,
      );
      expect(result).to.deep.equal({ containers: [{ name: 'c' }] });
    });

    it('removes primitives with $deleteFromPrimitiveList and ignores $setElementOrder', () => {
      const result = strategicMerge(
        { finalizers: ['a', 'b'] },
        { '$deleteFromPrimitiveList/finalizers': ['a'], '$setElementOrder/finalizers': ['b'] },
        keys,
      );
      expect(result).to.deep.equal({ finalizers: ['b'] });
    });

    it('replaces an object with $patch: replace and deletes one with $patch: delete', () => {
      expect(strategicMerge({ a: { x: 1, y: 2 } }, { a: { x: 3, $patch: 'replace' } }, keys)).to.deep.equal({ a: { x: 3 } });
      expect(strategicMerge({ a: { x: 1 }, b: 1 }, { a: { $patch: 'delete' } }, keys)).to.deep.equal({ b: 1 });
    });

    it('replaces lists without a merge key', () => {
      expect(strategicMerge({ args: ['a', 'b'] }, { args: ['c'] }, keys)).to.deep.equal({ args: ['c'] });
    });
  });
});
