// Stable error codes shared by the converter (HTTP error bodies, job results) and the operator
// (which maps them to DocConversion condition reasons). Documented in docs/errors.md.
/**
 * What a code is about: `validation` — the upload or its archive broke a rule and was refused
 * before any conversion ran (counted by docc2context_validation_failures_total); `conversion` —
 * the engine refused the input or its output; `source`/`output` — fetching a job's source or
 * delivering its result; `request` — the call itself; `capacity` — try again later; `internal`.
 */
export type ErrorCategory = 'validation' | 'conversion' | 'source' | 'output' | 'request' | 'capacity' | 'internal';

/**
 * Every code, its category, and whether it is permanent: no retry can fix it, because the input
 * itself is wrong.
 */
const CATALOGUE = {
  BAD_REQUEST: { category: 'validation', permanent: true },
  CORRUPT_ARCHIVE: { category: 'validation', permanent: true },
  UNSAFE_ARCHIVE: { category: 'validation', permanent: true },
  PAYLOAD_TOO_LARGE: { category: 'validation', permanent: true },
  ARCHIVE_TOO_LARGE: { category: 'validation', permanent: true },
  TOO_MANY_ENTRIES: { category: 'validation', permanent: true },
  UNSUPPORTED_MEDIA_TYPE: { category: 'validation', permanent: true },
  NOT_DOCC_ARCHIVE: { category: 'validation', permanent: true },
  CONVERSION_FAILED: { category: 'conversion', permanent: true },
  SOURCE_FORBIDDEN: { category: 'source', permanent: true },
  SOURCE_UNREACHABLE: { category: 'source', permanent: false },
  CHECKSUM_MISMATCH: { category: 'source', permanent: true },
  OUTPUT_TOO_LARGE: { category: 'conversion', permanent: true },
  OUTPUT_UPLOAD_FAILED: { category: 'output', permanent: false },
  NOT_FOUND: { category: 'request', permanent: false },
  CONFLICT: { category: 'request', permanent: true },
  RATE_LIMITED: { category: 'capacity', permanent: false },
  OVERLOADED: { category: 'capacity', permanent: false },
  NOT_READY: { category: 'capacity', permanent: false },
  TIMED_OUT: { category: 'capacity', permanent: false },
  INTERNAL: { category: 'internal', permanent: false },
} as const satisfies Record<string, { category: ErrorCategory; permanent: boolean }>;

export type ErrorCode = keyof typeof CATALOGUE;

/** The codes of the validation category: what the zip rules refuse an archive with. */
export type ValidationErrorCode = { [C in ErrorCode]: (typeof CATALOGUE)[C]['category'] extends 'validation' ? C : never }[ErrorCode];

export const ERROR_CODES = Object.keys(CATALOGUE) as readonly ErrorCode[];

/** The operator fails at once on these. */
export const PERMANENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(ERROR_CODES.filter((code) => CATALOGUE[code].permanent));

export function errorCategory(code: ErrorCode): ErrorCategory {
  return CATALOGUE[code].category;
}

/** Refused before any conversion ran: the upload or its archive broke a rule. */
export function isValidationError(code: ErrorCode): boolean {
  return errorCategory(code) === 'validation';
}

/** The JSON error body every converter endpoint returns. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}
