// A zip the archive rules refuse, as the engine reports it: the command's message names the input
// path (docs/compatibility.md), and the reason carries the archive's error code so that the
// service answers with the code it would have given at inspection.
import { isAppError } from '../../errors.ts';
import type { ErrorCode } from '../../../common/contract/errors.ts';
import { EngineError } from '../api.ts';
import type { ZipRefusal } from '../api.ts';
import { messages } from '../messages.ts';

const MESSAGES: Readonly<Record<ZipRefusal, ((zipPath: string, detail: string) => string) | undefined>> = {
  CORRUPT_ARCHIVE: messages.zipCorrupt,
  UNSUPPORTED_MEDIA_TYPE: messages.zipCorrupt,
  BAD_REQUEST: messages.zipCorrupt,
  UNSAFE_ARCHIVE: (zipPath, detail) => messages.zipUnsafe(zipPath, detail),
  ARCHIVE_TOO_LARGE: messages.zipTooLarge,
  TOO_MANY_ENTRIES: messages.zipTooLarge,
  PAYLOAD_TOO_LARGE: messages.zipTooLarge,
  NOT_DOCC_ARCHIVE: messages.inputNotBundle,
  'output-too-large': undefined,
};

function isZipRefusal(code: ErrorCode): code is Exclude<ZipRefusal, 'output-too-large'> {
  return MESSAGES[code as ZipRefusal] !== undefined;
}

/** An archive AppError as an EngineError about `zipPath`; anything else passes unchanged. */
export function zipRefusal(error: unknown, zipPath: string): unknown {
  if (!isAppError(error) || !isZipRefusal(error.code)) return error;
  const detail = error.message.replace(/\.$/, '');
  const message = (MESSAGES[error.code] as (zipPath: string, detail: string) => string)(zipPath, detail);
  return new EngineError(message, { cause: error, reason: error.code });
}
