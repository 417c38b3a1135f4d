import { expect } from 'chai';
import { canonicalJson } from '../../common/canonical-json.ts';

describe('canonicalJson', () => {
  describe('when two objects hold the same members in another order, at any depth', () => {
    it('writes the same text, keys sorted', () => {
      const a = canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } });
      const b = canonicalJson({ a: { c: 'x', d: [1, { y: null, z: true }] }, b: 1 });
      expect(a).to.equal(b);
      expect(a).to.equal('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
    });
  });

  describe('when keys look like array indexes', () => {
    it('sorts them as strings, unlike an object literal would', () => {
      expect(canonicalJson({ 9: 'a', 10: 'b', x: 'c' })).to.equal('{"10":"b","9":"a","x":"c"}');
    });
  });

  describe('when a value is undefined', () => {
    it('drops it from objects and writes null in arrays, as JSON.stringify does', () => {
      expect(canonicalJson({ a: undefined, b: [undefined, 1] })).to.equal('{"b":[null,1]}');
      expect(canonicalJson(undefined)).to.equal('null');
    });
  });

  describe('when a value is a plain JSON value without objects', () => {
    it('writes what JSON.stringify writes', () => {
      for (const value of ['é"\n', 0.5, -0, true, null, [], {}]) expect(canonicalJson(value)).to.equal(JSON.stringify(value));
    });
  });
});
