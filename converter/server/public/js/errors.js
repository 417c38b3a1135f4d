// What a person should do about each error code of the converter's catalogue (docs/errors.md).
// The server's own message is shown as well; this adds the next step, naming the limit in force.
import { formatBytes, formatSeconds } from './format.js';

const limitText = (limits, key, format) => (limits && limits[key] !== undefined ? format(limits[key]) : 'the configured limit');

const ADVICE = {
  PAYLOAD_TOO_LARGE: (l) =>
    `The upload limit is ${limitText(l, 'maxUploadBytes', formatBytes)}. Zip only the .doccarchive folder, or ask the operator to raise MAX_UPLOAD_SIZE_MB.`,
  ARCHIVE_TOO_LARGE: (l) =>
    `Unpacked, the archive may hold at most ${limitText(l, 'maxUncompressedBytes', formatBytes)}. Convert a smaller archive, or ask the operator to raise MAX_DECOMPRESSED_SIZE_MB.`,
  TOO_MANY_ENTRIES: (l) =>
    `A zip may hold at most ${limitText(l, 'maxEntries', String)} entries. Convert a smaller archive, or ask the operator to raise MAX_ARCHIVE_ENTRIES.`,
  UNSUPPORTED_MEDIA_TYPE: () => 'Choose a .zip file. To make one: zip -r MyKit.doccarchive.zip MyKit.doccarchive',
  NOT_DOCC_ARCHIVE: () =>
    'The zip must hold exactly one DocC archive: a .doccarchive folder (or a folder with metadata.json and data/). Build it with `swift package generate-documentation` or Xcode, then zip that folder.',
  CORRUPT_ARCHIVE: () => 'The zip cannot be read. Create it again and upload the new file.',
  UNSAFE_ARCHIVE: () =>
    'The zip holds entries that are not allowed (absolute paths, "..", links or encrypted files). Create it again from the .doccarchive folder.',
  CONVERSION_FAILED: () => 'The converter could not read this archive. Check that it was built by DocC, or try the other profile.',
  TIMED_OUT: (l) =>
    `The conversion took longer than ${limitText(l, 'conversionTimeoutSeconds', formatSeconds)}. Choose fewer technologies to convert less at once, or try again when the service is quieter.`,
  BAD_REQUEST: () => 'Check the options and the file, then try again.',
  INTERNAL: () => 'Something went wrong on the server. Try again; if it keeps failing, report the request id.',
};

const STATUS_CODES = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED', 503: 'OVERLOADED', 504: 'TIMED_OUT' };

const RETRY_CODES = new Set(['RATE_LIMITED', 'OVERLOADED', 'NOT_READY']);

/** Seconds from a Retry-After header (delta seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(header, now = Date.now()) {
  if (header === null || header === undefined || header === '') return undefined;
  if (/^\d+$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The advice line for an error code; `retryAfter` in seconds when the server sent one. */
export function adviceFor(code, limits, retryAfter) {
  if (RETRY_CODES.has(code)) {
    const when = retryAfter === undefined ? 'in a little while' : `in ${formatSeconds(retryAfter)}`;
    const why = code === 'RATE_LIMITED' ? 'You have sent too many conversions for now.' : 'The service is busy.';
    return `${why} Try again ${when}.`;
  }
  const advice = ADVICE[code];
  return advice ? advice(limits) : 'Try again; if it keeps failing, report the request id.';
}

/** `{code, message, requestId}` from an error answer, or a fallback for a body that is not ours. */
export function parseErrorBody(text, status) {
  try {
    const { code, message, requestId } = JSON.parse(text).error;
    if (typeof code === 'string' && typeof message === 'string') return { code, message, requestId };
  } catch {
    // Not the converter's JSON (a proxy's page, say): fall through.
  }
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  return { code, message: `The server answered ${status}.`, requestId: undefined };
}
