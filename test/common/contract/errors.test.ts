import { expect } from 'chai';
import { ERROR_CODES, errorCategory, isValidationError, PERMANENT_ERROR_CODES } from '../../../common/contract/errors.ts';

describe('the error catalogue', () => {
  describe('the validation category', () => {
    it('holds exactly the codes of an upload or archive refused before any conversion ran', () => {
      expect(ERROR_CODES.filter(isValidationError)).to.have.members([
        'BAD_REQUEST',
        'CORRUPT_ARCHIVE',
        'UNSAFE_ARCHIVE',
        'PAYLOAD_TOO_LARGE',
        'ARCHIVE_TOO_LARGE',
        'TOO_MANY_ENTRIES',
        'UNSUPPORTED_MEDIA_TYPE',
        'NOT_DOCC_ARCHIVE',
      ]);
    });

    it('is permanent: no retry fixes a refused archive', () => {
      for (const code of ERROR_CODES.filter(isValidationError)) expect(PERMANENT_ERROR_CODES.has(code), code).to.equal(true);
    });
  });

  describe('every code', () => {
    it('has a category; capacity codes are never permanent', () => {
      for (const code of ERROR_CODES) {
        expect(errorCategory(code), code).to.be.a('string');
        if (errorCategory(code) === 'capacity') expect(PERMANENT_ERROR_CODES.has(code), code).to.equal(false);
      }
    });
  });
});
