import { expect } from 'chai';
import { estimateRetryAfterSeconds } from '../../../converter/runner/retry-after.ts';
import { Slots } from '../../../converter/runner/slots.ts';
import { AppError } from '../../../converter/errors.ts';
import { expectAppError } from '../../support/app-error.ts';

describe('Slots', () => {
  const make = (capacity: number, queueLimit: number) => new Slots({ capacity, queueLimit, retryAfterSeconds: () => 7 });

  describe('when capacity and queue are used up', () => {
    it('refuses with OVERLOADED carrying the Retry-After, and hands slots over in order', async () => {
      const slots = make(1, 1);
      const first = await slots.acquire();
      const second = slots.acquire();
      const refused = await expectAppError(slots.acquire(), 'OVERLOADED');
      expect(refused.retryAfterSeconds).to.equal(7);
      first();
      first(); // releasing twice must not free a second slot
      const secondRelease = await second;
      expect({ inFlight: slots.inFlight, queued: slots.queued }).to.deep.equal({ inFlight: 1, queued: 0 });
      secondRelease();
      await slots.whenIdle();
      expect(slots.inFlight).to.equal(0);
    });
  });

  describe('when closed', () => {
    it('refuses new work with NOT_READY and fails the queue on request', async () => {
      const slots = make(1, 2);
      const held = await slots.acquire();
      const queued = expectAppError(slots.acquire(), 'NOT_READY');
      slots.close();
      await expectAppError(slots.acquire(), 'NOT_READY');
      slots.rejectQueued(new AppError('NOT_READY', 'Shutting down.'));
      await queued;
      held();
      await slots.whenIdle();
    });
  });
});

describe('estimateRetryAfterSeconds', () => {
  it('grows with the work ahead and stays within 1..60 s', () => {
    expect(estimateRetryAfterSeconds({ inFlight: 0, queued: 0, capacity: 2 }, 1000)).to.equal(1);
    expect(estimateRetryAfterSeconds({ inFlight: 2, queued: 4, capacity: 2 }, 4000)).to.equal(12);
    expect(estimateRetryAfterSeconds({ inFlight: 2, queued: 100, capacity: 2 }, 60_000)).to.equal(60);
  });
});
