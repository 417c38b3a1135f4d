import { expect } from 'chai';
import { ApiError } from './errors.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import type { KubeObject } from './types.ts';

const obj = (labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'n', namespace: 'ns', labels },
  ...extra,
});

describe('selectors', () => {
  describe('when a label selector is parsed', () => {
    it('matches everything when empty', () => {
      expect(parseLabelSelector(undefined)(obj({}))).to.equal(true);
      expect(parseLabelSelector('')(obj({}))).to.equal(true);
    });

    it('treats notin and != as true for objects without the label, as Kubernetes does', () => {
      expect(parseLabelSelector('a!=1')(obj({}))).to.equal(true);
      expect(parseLabelSelector('a notin (1)')(obj({}))).to.equal(true);
      expect(parseLabelSelector('a in (1)')(obj({}))).to.equal(false);
    });

    it('accepts prefixed keys and empty values', () => {
      expect(parseLabelSelector('app.kubernetes.io/name=x')(obj({ 'app.kubernetes.io/name': 'x' }))).to.equal(true);
      expect(parseLabelSelector('a=')(obj({ a: '' }))).to.equal(true);
    });

    it('throws a 400 ApiError for a term it cannot parse', () => {
      expect(() => parseLabelSelector('a in b'))
        .to.throw(ApiError)
        .with.property('code', 400);
    });
  });

  describe('when a field selector is parsed', () => {
    it('reads nested fields allowed for the kind', () => {
      const event = obj({}, { involvedObject: { name: 'w1' } });
      expect(parseFieldSelector('involvedObject.name=w1', ['involvedObject.name'])(event)).to.equal(true);
      expect(parseFieldSelector('involvedObject.name!=w1', ['involvedObject.name'])(event)).to.equal(false);
    });

    it('refuses fields the kind does not support', () => {
      expect(() => parseFieldSelector('spec.x=1', [])).to.throw('field label not supported: spec.x');
    });
  });
});
