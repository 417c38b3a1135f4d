// Recognises a zip by its first bytes, never by its file name or the client's content type.
import { AppError } from '../errors.ts';

export type ZipKind = 'zip' | 'empty-zip';

/** How many leading bytes sniffZipMagic needs. */
export const ZIP_MAGIC_BYTES = 4;

const LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_OF_CENTRAL_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

/**
 * Classifies the first bytes of an upload: a zip (`PK\x03\x04`) or an empty zip (`PK\x05\x06`,
 * which later fails as NOT_DOCC_ARCHIVE). Anything else is UNSUPPORTED_MEDIA_TYPE; no bytes at all
 * is BAD_REQUEST.
 */
export function sniffZipMagic(head: Uint8Array): ZipKind {
  if (head.length === 0) throw new AppError('BAD_REQUEST', 'The uploaded file is empty.');
  if (startsWith(head, LOCAL_FILE_HEADER)) return 'zip';
  if (startsWith(head, END_OF_CENTRAL_DIRECTORY)) return 'empty-zip';
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The upload is not a zip archive.');
}
