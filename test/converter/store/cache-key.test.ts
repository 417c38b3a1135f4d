import { expect } from 'chai';
import { cacheKey } from '../../../converter/store/cache-key.ts';
import { decodeCached, encodeCached } from '../../../converter/store/roles.ts';
import { aCachedResult } from './store-suite.ts';

const base = { archiveSha256: 'AB'.repeat(32), engine: 'builtin' as const, options: { profile: 'rich' as const } };

describe('cacheKey', () => {
  describe('when the inputs are the same', () => {
    it('returns the same hex SHA-256, whatever the option order or hash case', () => {
      const a = cacheKey({ ...base, options: { profile: 'rich', symbolLayout: 'tree' } });
      const b = cacheKey({ ...base, archiveSha256: 'ab'.repeat(32), options: { symbolLayout: 'tree', profile: 'rich' } });
      expect(a).to.equal(b);
      expect(a).to.match(/^[0-9a-f]{64}$/);
    });
  });

  describe('when any input differs', () => {
    it('returns a different key for another archive, engine, profile or option', () => {
      const keys = new Set([
        cacheKey(base),
        cacheKey({ ...base, archiveSha256: 'cd'.repeat(32) }),
        cacheKey({ ...base, options: { profile: 'swift-compat' } }),
        cacheKey({ ...base, engine: 'swift', options: { profile: 'swift-compat' } }),
        cacheKey({ ...base, options: { profile: 'rich', tutorialLayout: 'single' } }),
        cacheKey({ ...base, options: { profile: 'rich', technologies: ['a'] } }),
        cacheKey({ ...base, options: { profile: 'rich', frontMatter: true } }),
      ]);
      expect(keys.size).to.equal(7);
    });
  });
});

describe('cacheKey defaults', () => {
  describe('when options are absent', () => {
    it('matches the same request with the service defaults spelt out', () => {
      const explicit = { profile: 'rich', symbolLayout: 'tree', tutorialLayout: 'chapter', technologies: [], frontMatter: false } as const;
      expect(cacheKey({ ...base, options: {} })).to.equal(cacheKey({ ...base, options: { ...explicit, technologies: [] } }));
    });
  });

  describe('when a pod with the Swift binary is asked for rich output', () => {
    it('shares the key of the builtin engine, which is the one that serves rich', () => {
      expect(cacheKey({ ...base, engine: 'swift' })).to.equal(cacheKey({ ...base, engine: 'builtin' }));
    });
  });
});

describe('cached value encoding', () => {
  it('round-trips the summary and the zip bytes', () => {
    const result = aCachedResult(Buffer.from([0, 1, 2, 255]));
    expect(decodeCached(encodeCached(result))).to.deep.equal(result);
  });

  it('reads a truncated value as a miss', () => {
    expect(decodeCached(encodeCached(aCachedResult()).subarray(0, 10))).to.equal(undefined);
  });
});
