import { expect } from 'chai';
import { errorFromJob, errorFromNetwork, errorFromResponse } from '../../../operator/dispatch/errors.ts';

describe('dispatch errors', () => {
  describe('when the converter answers a 4xx with a permanent code', () => {
    it('is permanent and keeps the code', () => {
      const error = errorFromResponse(422, { error: { code: 'NOT_DOCC_ARCHIVE', message: 'no', requestId: 'r' } }, null);
      expect(error).to.include({ code: 'NOT_DOCC_ARCHIVE', permanent: true, status: 422 });
    });
  });

  describe('when the converter answers a 5xx', () => {
    it('is transient even with a permanent code', () => {
      const error = errorFromResponse(500, { error: { code: 'CONVERSION_FAILED', message: 'x', requestId: 'r' } }, null);
      expect(error.permanent).to.equal(false);
    });
  });

  describe('when the converter answers 429 with Retry-After and no body', () => {
    it('is a transient RATE_LIMITED with the delay', () => {
      const error = errorFromResponse(429, undefined, '7');
      expect(error).to.include({ code: 'RATE_LIMITED', permanent: false, retryAfterSeconds: 7 });
    });
  });

  describe('when the body carries an unknown code', () => {
    it('falls back to a code derived from the status', () => {
      expect(errorFromResponse(404, { error: { code: 'WHAT' } }, null).code).to.equal('NOT_FOUND');
      expect(errorFromResponse(504, {}, null).code).to.equal('TIMED_OUT');
    });
  });

  describe('when a job failed', () => {
    it('trusts the converter verdict on permanence', () => {
      expect(errorFromJob({ code: 'SOURCE_UNREACHABLE', message: 'x', permanent: false }).permanent).to.equal(false);
      expect(errorFromJob({ code: 'CORRUPT_ARCHIVE', message: 'x', permanent: true }).permanent).to.equal(true);
    });
  });

  describe('when the network fails', () => {
    it('is transient, TIMED_OUT after a timeout and NOT_READY otherwise', () => {
      expect(errorFromNetwork(new Error('x'), true)).to.include({ code: 'TIMED_OUT', permanent: false });
      expect(errorFromNetwork(new Error('x'), false)).to.include({ code: 'NOT_READY', permanent: false });
    });
  });
});
