import { expect } from 'chai';
import {
  BucketRateLimiter,
  ItemExponentialRateLimiter,
  MaxOfRateLimiter,
  controllerRateLimiter,
} from '../../../operator/kube/rate-limiter.ts';
import { FakeClock } from '../../support/fake-clock.ts';

describe('ItemExponentialRateLimiter', () => {
  describe('when an item keeps failing', () => {
    it('doubles its delay from the base up to the cap', () => {
      const limiter = new ItemExponentialRateLimiter<string>(5, 1_000_000);
      const delays = Array.from({ length: 20 }, () => limiter.when('a'));
      expect(delays.slice(0, 4)).to.deep.equal([5, 10, 20, 40]);
      expect(delays[17]).to.equal(655_360);
      expect(delays[18]).to.equal(1_000_000);
      expect(delays[19]).to.equal(1_000_000);
      expect(limiter.numRequeues('a')).to.equal(20);
    });

    it('never overflows past the cap after very many failures', () => {
      const limiter = new ItemExponentialRateLimiter<string>(5, 1000);
      for (let i = 0; i < 2000; i++) limiter.when('a');
      expect(limiter.when('a')).to.equal(1000);
    });
  });

  describe('when items fail independently', () => {
    it('keeps a separate backoff per item', () => {
      const limiter = new ItemExponentialRateLimiter<string>(5, 1000);
      limiter.when('a');
      limiter.when('a');
      expect(limiter.when('b')).to.equal(5);
    });
  });

  describe('when an item is forgotten', () => {
    it('starts again from the base delay', () => {
      const limiter = new ItemExponentialRateLimiter<string>(5, 1000);
      limiter.when('a');
      limiter.when('a');
      limiter.forget('a');
      expect(limiter.numRequeues('a')).to.equal(0);
      expect(limiter.when('a')).to.equal(5);
    });
  });
});

describe('BucketRateLimiter', () => {
  describe('when more requests come than the burst holds', () => {
    it('lets the burst through at once and spaces the rest at 1/qps', () => {
      const limiter = new BucketRateLimiter<string>(new FakeClock(), 10, 3);
      const delays = Array.from({ length: 6 }, (_, i) => limiter.when(`k${i}`));
      expect(delays).to.deep.equal([0, 0, 0, 100, 200, 300]);
    });
  });

  describe('when time passes', () => {
    it('refills tokens at qps, never above the burst', async () => {
      const clock = new FakeClock();
      const limiter = new BucketRateLimiter<string>(clock, 10, 2);
      limiter.when('a');
      limiter.when('a');
      await clock.advance(10_000);
      expect([limiter.when('a'), limiter.when('a'), limiter.when('a')]).to.deep.equal([0, 0, 100]);
    });
  });
});

describe('controllerRateLimiter', () => {
  describe('with the client-go defaults', () => {
    it('takes the per-item backoff while the bucket has tokens', () => {
      const limiter = controllerRateLimiter<string>(new FakeClock());
      expect([limiter.when('a'), limiter.when('a'), limiter.when('a')]).to.deep.equal([5, 10, 20]);
    });

    it('takes the bucket delay once 100 requeues came within an instant', () => {
      const limiter = controllerRateLimiter<string>(new FakeClock());
      for (let i = 0; i < 100; i++) limiter.when(`item-${i}`);
      expect(limiter.when('fresh')).to.equal(100);
    });
  });

  it('combines its limiters by their largest delay and requeue count', () => {
    const limiter = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter(1, 100), new ItemExponentialRateLimiter(50, 100));
    expect(limiter.when('a')).to.equal(50);
    expect(limiter.numRequeues('a')).to.equal(1);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).to.equal(0);
  });
});
