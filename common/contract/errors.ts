// Stable error codes shared by the converter (HTTP error bodies, job results) and the operator
// (which maps them to DocConversion condition reasons). Documented in docs/errors.md.
/** Every code, and whether it is permanent: no retry can fix it, because the input itself is wrong. */
const PERMANENCE = {
  BAD_REQUEST: true,
  CORRUPT_ARCHIVE: true,
  UNSAFE_ARCHIVE: true,
  PAYLOAD_TOO_LARGE: true,
  ARCHIVE_TOO_LARGE: true,
  TOO_MANY_ENTRIES: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  NOT_DOCC_ARCHIVE: true,
  CONVERSION_FAILED: true,
  SOURCE_FORBIDDEN: true,
  SOURCE_UNREACHABLE: false,
  CHECKSUM_MISMATCH: true,
  OUTPUT_TOO_LARGE: true,
  OUTPUT_UPLOAD_FAILED: false,
  NOT_FOUND: false,
  CONFLICT: true,
  RATE_LIMITED: false,
  OVERLOADED: false,
  NOT_READY: false,
  TIMED_OUT: false,
  INTERNAL: false,
} as const;

export type ErrorCode = keyof typeof PERMANENCE;

export const ERROR_CODES = Object.keys(PERMANENCE) as readonly ErrorCode[];

/** The operator fails at once on these. */
export const PERMANENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(ERROR_CODES.filter((code) => PERMANENCE[code]));

/** The JSON error body every converter endpoint returns. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}
