import { expect } from 'chai';
import { ReplayQueue } from '../../../converter/store/replay-queue.ts';

describe('ReplayQueue', () => {
  describe('when keys are added within the bound', () => {
    it('hands them back oldest first, a rewritten key moving to the back', () => {
      const queue = new ReplayQueue(10, () => undefined);
      queue.add('job:a', 1);
      queue.add('job:b', 2);
      queue.add('job:a', 3);
      const order = [];
      for (let entry = queue.peek(); entry !== undefined; entry = queue.peek()) {
        order.push(entry);
        queue.done(entry);
      }
      expect(order).to.deep.equal([
        { key: 'job:b', expiresAtMs: 2 },
        { key: 'job:a', expiresAtMs: 3 },
      ]);
    });
  });

  describe('when more keys arrive than the bound', () => {
    it('drops the oldest and reports each drop', () => {
      const dropped: string[] = [];
      const queue = new ReplayQueue(2, (key) => dropped.push(key));
      for (const key of ['job:1', 'job:2', 'job:3', 'job:4']) queue.add(key, 1);
      expect(dropped).to.deep.equal(['job:1', 'job:2']);
      expect(queue.size).to.equal(2);
      expect(queue.peek()?.key).to.equal('job:3');
    });
  });

  describe('when a key is rewritten while its write-through runs', () => {
    it('keeps the newer write queued', () => {
      const queue = new ReplayQueue(10, () => undefined);
      queue.add('job:a', 1);
      const inFlight = queue.peek()!;
      queue.add('job:a', 2);
      queue.done(inFlight);
      expect(queue.peek()).to.deep.equal({ key: 'job:a', expiresAtMs: 2 });
    });
  });

  describe('when a queued key is deleted', () => {
    it('keeps one tombstone in place of its write, at the back', () => {
      const queue = new ReplayQueue(10, () => undefined);
      queue.add('job:a', 1);
      queue.add('job:b', 2);
      queue.addDelete('job:a', { digest: 'd' });
      expect(queue.size).to.equal(2);
      queue.done(queue.peek()!);
      expect(queue.peek()).to.deep.equal({ key: 'job:a', deleted: { digest: 'd' } });
    });
  });
});
