import { expect } from 'chai';
import { admissionError, type AdmissionDeps } from '../../../converter/conversion/admission.ts';

describe('admissionError', () => {
  const deps = (overrides: { draining?: boolean; available?: boolean; inFlight?: number; queued?: number } = {}): AdmissionDeps => ({
    config: { retryAfterSeconds: 7 },
    lifecycle: { draining: overrides.draining ?? false },
    engineStatus: () => ({ engine: 'builtin', available: overrides.available ?? true, binaryDetected: false, binaryPath: 'docc2context' }),
    runner: { stats: () => ({ inFlight: overrides.inFlight ?? 0, queued: overrides.queued ?? 0, capacity: 2, queueLimit: 2 }) },
  });

  describe('when the pod is ready and has room', () => {
    it('admits the work', () => {
      expect(admissionError(deps({ inFlight: 2, queued: 1 }))).to.equal(undefined);
    });
  });

  describe('when the pod drains or has no engine', () => {
    it('refuses with NOT_READY and the configured Retry-After', () => {
      for (const refused of [admissionError(deps({ draining: true })), admissionError(deps({ available: false }))]) {
        expect(refused).to.include({ code: 'NOT_READY', retryAfterSeconds: 7 });
      }
    });
  });

  describe('when running plus queued work fills capacity and queue', () => {
    it('refuses with OVERLOADED', () => {
      expect(admissionError(deps({ inFlight: 2, queued: 2 }))).to.include({ code: 'OVERLOADED', retryAfterSeconds: 7 });
    });
  });
});
