// Maps the shared error codes of the job API to the CamelCase reasons of the Succeeded
// condition and of Events. One table, so a code always reads the same to users.
import type { ErrorCode } from '../../../common/contract/errors.ts';
import { REASONS } from '../../api/constants.ts';
import type { Reason } from '../../api/constants.ts';

const REASON_BY_CODE: Readonly<Record<ErrorCode, Reason>> = {
  BAD_REQUEST: REASONS.invalidSpec,
  SOURCE_FORBIDDEN: REASONS.invalidSpec,
  CONFLICT: REASONS.invalidSpec,
  CORRUPT_ARCHIVE: REASONS.invalidArchive,
  UNSAFE_ARCHIVE: REASONS.invalidArchive,
  PAYLOAD_TOO_LARGE: REASONS.invalidArchive,
  ARCHIVE_TOO_LARGE: REASONS.invalidArchive,
  TOO_MANY_ENTRIES: REASONS.invalidArchive,
  UNSUPPORTED_MEDIA_TYPE: REASONS.invalidArchive,
  NOT_DOCC_ARCHIVE: REASONS.invalidArchive,
  CONVERSION_FAILED: REASONS.invalidArchive,
  SOURCE_UNREACHABLE: REASONS.sourceUnreachable,
  NOT_FOUND: REASONS.sourceNotFound,
  CHECKSUM_MISMATCH: REASONS.checksumMismatch,
  OUTPUT_TOO_LARGE: REASONS.outputTooLarge,
  OUTPUT_UPLOAD_FAILED: REASONS.outputFailed,
  RATE_LIMITED: REASONS.converterUnavailable,
  OVERLOADED: REASONS.converterUnavailable,
  NOT_READY: REASONS.converterUnavailable,
  TIMED_OUT: REASONS.timedOut,
  INTERNAL: REASONS.converterUnavailable,
};

export function reasonForCode(code: ErrorCode): Reason {
  return REASON_BY_CODE[code];
}
