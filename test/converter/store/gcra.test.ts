import { expect } from 'chai';
import { gcraStep } from '../../../converter/store/gcra.ts';

describe('gcraStep', () => {
  const rule = { limit: 10, windowMs: 1000 };

  describe('when a client is new', () => {
    it('allows the request and leaves limit - 1', () => {
      const step = gcraStep(undefined, 5000, rule);
      expect(step.decision).to.include({ allowed: true, remaining: 9, retryAfterSeconds: 0 });
      expect(step.tatMs).to.equal(5100);
    });
  });

  describe('when the burst is used up', () => {
    it('refuses without a new TAT and says when to retry', () => {
      const step = gcraStep(6000, 5000, rule);
      expect(step.tatMs).to.equal(undefined);
      expect(step.decision).to.include({ allowed: false, remaining: 0, retryAfterSeconds: 1, resetSeconds: 1 });
    });
  });

  describe('when the interval does not divide the window evenly', () => {
    it('still counts remaining down to zero without rounding losses', () => {
      const odd = { limit: 3, windowMs: 1000 };
      let tat: number | undefined;
      const remaining: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const step = gcraStep(tat, 0, odd);
        remaining.push(step.decision.remaining);
        tat = step.tatMs;
      }
      expect(remaining).to.deep.equal([2, 1, 0]);
    });
  });
});
