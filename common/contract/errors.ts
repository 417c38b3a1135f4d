// Stable error codes shared by the converter (HTTP error bodies, job results) and the operator
// (which maps them to DocConversion condition reasons). Documented in docs/errors.md.
export const ERROR_CODES = [
  'BAD_REQUEST',
  'CORRUPT_ARCHIVE',
  'UNSAFE_ARCHIVE',
  'PAYLOAD_TOO_LARGE',
  'ARCHIVE_TOO_LARGE',
  'TOO_MANY_ENTRIES',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_DOCC_ARCHIVE',
  'CONVERSION_FAILED',
  'SOURCE_FORBIDDEN',
  'SOURCE_UNREACHABLE',
  'CHECKSUM_MISMATCH',
  'OUTPUT_TOO_LARGE',
  'OUTPUT_UPLOAD_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'OVERLOADED',
  'NOT_READY',
  'TIMED_OUT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that no retry can fix: the input itself is wrong. The operator fails at once on these. */
export const PERMANENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_REQUEST',
  'CORRUPT_ARCHIVE',
  'UNSAFE_ARCHIVE',
  'PAYLOAD_TOO_LARGE',
  'ARCHIVE_TOO_LARGE',
  'TOO_MANY_ENTRIES',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_DOCC_ARCHIVE',
  'CONVERSION_FAILED',
  'SOURCE_FORBIDDEN',
  'CHECKSUM_MISMATCH',
  'OUTPUT_TOO_LARGE',
  'CONFLICT',
]);

/** The JSON error body every converter endpoint returns. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}
