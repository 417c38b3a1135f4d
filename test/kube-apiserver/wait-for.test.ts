import { expect } from 'chai';
import { waitFor } from './wait-for.ts';

describe('waitFor', () => {
  describe('when the probe becomes truthy', () => {
    it('resolves with its value', async () => {
      let calls = 0;
      expect(await waitFor(() => ++calls >= 3 && calls)).to.equal(3);
    });
  });

  describe('when the probe never becomes truthy', () => {
    it('rejects naming what it waited for, with the last error as cause', async () => {
      const error = await waitFor(
        () => {
          throw new Error('not yet');
        },
        { timeoutMs: 30, description: 'the thing' },
      ).catch((e: unknown) => e as Error);
      expect(error).to.be.instanceOf(Error);
      expect(error.message).to.equal('Timed out after 30 ms waiting for the thing');
      expect((error.cause as Error).message).to.equal('not yet');
    });
  });
});
