// A zip the archive rules refuse, as the engine reports it: the command's message names the input
// path (docs/compatibility.md), and the reason carries the archive's error code so that the
// service answers with the code it would have given at inspection.
import { isAppError } from '../../errors.ts';
import { EngineError } from '../api.ts';
import type { ZipRefusal } from '../api.ts';
import { messages } from '../messages.ts';

type ArchiveRefusal = Exclude<ZipRefusal, 'output-too-large'>;

const MESSAGES: Readonly<Record<ArchiveRefusal, (zipPath: string, detail: string) => string>> = {
  CORRUPT_ARCHIVE: messages.zipCorrupt,
  UNSUPPORTED_MEDIA_TYPE: messages.zipCorrupt,
  BAD_REQUEST: messages.zipCorrupt,
  UNSAFE_ARCHIVE: messages.zipUnsafe,
  ARCHIVE_TOO_LARGE: messages.zipTooLarge,
  TOO_MANY_ENTRIES: messages.zipTooLarge,
  PAYLOAD_TOO_LARGE: messages.zipTooLarge,
  NOT_DOCC_ARCHIVE: messages.inputNotBundle,
};

function isArchiveRefusal(code: string): code is ArchiveRefusal {
  return Object.hasOwn(MESSAGES, code);
}

/** An archive AppError as an EngineError about `zipPath`; anything else passes unchanged. */
export function zipRefusal(error: unknown, zipPath: string): unknown {
  if (!isAppError(error) || !isArchiveRefusal(error.code)) return error;
  const detail = error.message.replace(/\.$/, '');
  return new EngineError(MESSAGES[error.code](zipPath, detail), { cause: error, reason: error.code });
}
