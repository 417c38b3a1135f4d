import { expect } from 'chai';
import { delay } from '../../common/delay.ts';

describe('delay', () => {
  describe('when awaited', () => {
    it('resolves with nothing, after the timers that were due before it', async () => {
      const order: string[] = [];
      setTimeout(() => order.push('earlier timer'), 0);
      const value = await delay(1);
      order.push('delay');
      expect(value).to.equal(undefined);
      expect(order).to.deep.equal(['earlier timer', 'delay']);
    });
  });

  describe('when the wait is negative', () => {
    it('waits no longer than a zero wait', async () => {
      const order: string[] = [];
      const later = delay(5).then(() => order.push('5 ms'));
      await delay(-5);
      order.push('negative');
      await later;
      expect(order).to.deep.equal(['negative', '5 ms']);
    });
  });

  describe('when unref is asked', () => {
    it('still resolves while something else keeps the process alive', async () => {
      const keepAlive = setTimeout(() => undefined, 1000);
      const value = await delay(1, { unref: true });
      clearTimeout(keepAlive);
      expect(value).to.equal(undefined);
    });
  });
});
