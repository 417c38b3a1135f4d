// The compare-and-set primitives replay relies on, run against both backends: memory in
// compare-and-set.test.ts, Redis (the Lua scripts) in redis-replay.integration.test.ts.
import { expect } from 'chai';
import type { Backend } from '../../../converter/store/backend.ts';
import { valueDigest } from '../../../converter/store/value-digest.ts';

export function describeCompareAndSet(name: string, open: () => Promise<Backend>): void {
  describe(`${name} compare-and-set`, () => {
    let backend: Backend;
    const ours = Buffer.from('ours');
    const theirs = Buffer.from('theirs');

    beforeEach(async () => (backend = await open()));

    it('writes an absent key when no value is expected, and not a present one', async () => {
      expect(await backend.compareAndSet('k', undefined, ours, 60_000)).to.equal(true);
      expect(await backend.compareAndSet('k', undefined, theirs, 60_000)).to.equal(false);
      expect((await backend.get('k'))?.toString()).to.equal('ours');
    });

    it('replaces only the value whose digest it expects', async () => {
      await backend.set('k', theirs, 60_000);
      expect(await backend.compareAndSet('k', valueDigest(ours), ours, 60_000)).to.equal(false);
      expect(await backend.compareAndSet('k', valueDigest(theirs), ours, 60_000)).to.equal(true);
      expect((await backend.get('k'))?.toString()).to.equal('ours');
    });

    it('does not write an absent key when a value is expected', async () => {
      expect(await backend.compareAndSet('k', valueDigest(theirs), ours, 60_000)).to.equal(false);
      expect(await backend.get('k')).to.equal(undefined);
    });

    it('deletes only the value whose digest it expects', async () => {
      await backend.set('k', theirs, 60_000);
      expect(await backend.compareAndDelete('k', valueDigest(ours))).to.equal(false);
      expect(await backend.compareAndDelete('k', valueDigest(theirs))).to.equal(true);
      expect(await backend.get('k')).to.equal(undefined);
      expect(await backend.compareAndDelete('k', valueDigest(theirs))).to.equal(false);
    });
  });
}
