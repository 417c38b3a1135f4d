// The converter's one yauzl reader of untrusted zips (uploads, job sources, the command's input):
// opens a zip from disk, walks its central directory one entry at a time, and turns library and
// zlib errors into catalogue errors. Entry data is read either here (extraction) or in place by
// entry-data.ts from the index this walk produced; the engine's zip-sink.ts reads back only the
// zip it wrote itself.
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { AppError, isAppError } from '../errors.ts';
import type { RawEntry } from './entry-rules.ts';
import type { TailBufferedFile } from './tail-buffered-file.ts';

export interface OpenZip {
  readonly entryCount: number;
  /** The zip file's size in bytes. */
  readonly size: number;
  /** Next central-directory entry, or null after the last one. */
  next(): Promise<Entry | null>;
  openStream(entry: Entry): Promise<Readable>;
  close(): void;
}

const CORRUPT_MESSAGE = 'The zip archive is corrupt or truncated.';

/** Maps any failure while reading a zip to an AppError; file-system trouble stays INTERNAL. */
export function toArchiveError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const err = error as NodeJS.ErrnoException;
  if (typeof err?.message === 'string' && err.message.includes('strong encryption')) {
    return new AppError('UNSAFE_ARCHIVE', 'The zip archive contains encrypted entries.', { cause: error });
  }
  if (typeof err?.syscall === 'string') {
    return new AppError('INTERNAL', 'The archive could not be stored.', { cause: error });
  }
  return new AppError('CORRUPT_ARCHIVE', CORRUPT_MESSAGE, { cause: error });
}

/** Decodes the entry name (UTF-8 flag, Info-ZIP Unicode path, else CP437), keeping backslashes. */
export function toRawEntry(entry: Entry): RawEntry {
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
  return {
    name,
    generalPurposeBitFlag: entry.generalPurposeBitFlag,
    externalFileAttributes: entry.externalFileAttributes,
    compressionMethod: entry.compressionMethod,
  };
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(toArchiveError(error));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * Opens a zip for sequential reading; the ZipFile owns `file` from then on (closed with it, or
 * here when the zip cannot be opened). Names are decoded by us (decodeStrings off) so that the
 * safety rules see the raw path, and sizes are checked by our own byte counting.
 */
export async function openZip(file: TailBufferedFile): Promise<OpenZip> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(file, file.size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    await file.dispose().catch(() => undefined);
    throw toArchiveError(error);
  }
  // A late error with no listener would crash the process; every caller sees errors through
  // next() and the entry streams instead.
  zip.on('error', () => undefined);
  return {
    entryCount: zip.entryCount,
    size: file.size,
    next: () => nextEntry(zip),
    openStream: async (entry) => {
      try {
        return await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw toArchiveError(error);
      }
    },
    close: () => zip.close(),
  };
}
