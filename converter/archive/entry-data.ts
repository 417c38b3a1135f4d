// Reads or checks one zip entry's bytes in place, trusting nothing the headers say: inflation
// stops at the declared size (a lying header cannot make it inflate more), an entry may not
// declare more than its own ratio cap allows, and the result must match the declared size and
// CRC-32 exactly. The same checks as extraction's metered stream (inflate-budget.ts), with the
// same codes: CORRUPT_ARCHIVE and ARCHIVE_TOO_LARGE.
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError, isAppError } from '../errors.ts';
import { quoteName } from './entry-rules.ts';
import { entryCap } from './limits.ts';
import type { PositionalFile } from './positional-file.ts';
import type { ArchiveLimits } from './types.ts';

/** Where one kept file's bytes lie in the zip, as its central-directory record declares. */
export interface ZipEntryLocation {
  /** The entry's full path in the zip. */
  name: string;
  localHeaderOffset: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
}

type EntryLimits = Pick<ArchiveLimits, 'ratioFloorBytes' | 'maxEntryCompressionRatio'>;

const STORED = 0;
const DEFLATED = 8;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/** Entries up to this size are checked in one synchronous inflate; larger ones stream. */
const IN_MEMORY_CHECK_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** Inflates and checks one entry; AppError CORRUPT_ARCHIVE or ARCHIVE_TOO_LARGE when it lies. */
export function readEntryData(file: PositionalFile, entry: ZipEntryLocation, limits: EntryLimits): Buffer {
  checkDeclaredSize(entry, limits);
  const start = dataStart(file, entry);
  const compressed = file.readAt(start, entry.compressedSize);
  if (compressed.length !== entry.compressedSize) throw corrupt(entry, 'is truncated');
  const data = inflate(entry, compressed);
  if (data.length > entry.uncompressedSize) throw beyondDeclaredSize(entry);
  if (data.length < entry.uncompressedSize) throw corrupt(entry, 'is shorter than its declared size');
  if (crc32(data) !== entry.crc32) throw corrupt(entry, 'fails its CRC-32 check');
  return data;
}

/**
 * Checks an entry without keeping it: small ones in memory, large ones (videos, downloads the
 * engine never reads) streamed through in chunks, so memory stays bounded whatever the archive holds.
 */
export async function checkEntryData(file: PositionalFile, entry: ZipEntryLocation, limits: EntryLimits): Promise<void> {
  if (Math.max(entry.compressedSize, entry.uncompressedSize) <= IN_MEMORY_CHECK_BYTES) {
    readEntryData(file, entry, limits);
    return;
  }
  checkDeclaredSize(entry, limits);
  checkMethod(entry);
  const start = dataStart(file, entry);
  let size = 0;
  let checksum = 0;
  // pipeline() may reject with the abort its teardown caused rather than with this.
  let tooLarge: AppError | undefined;
  try {
    await pipeline(
      Readable.from(compressedChunks(file, entry, start)),
      entry.compressionMethod === DEFLATED ? createInflateRaw() : new PassThrough(),
      async (inflated: AsyncIterable<Buffer>) => {
        for await (const chunk of inflated) {
          size += chunk.length;
          if (size > entry.uncompressedSize) throw (tooLarge = beyondDeclaredSize(entry));
          checksum = crc32(chunk, checksum);
        }
      },
    );
  } catch (error) {
    throw tooLarge ?? (isAppError(error) ? error : corrupt(entry, 'does not inflate', error));
  }
  if (size < entry.uncompressedSize) throw corrupt(entry, 'is shorter than its declared size');
  if (checksum !== entry.crc32) throw corrupt(entry, 'fails its CRC-32 check');
}

/** A bomb declared as such is refused before a byte is inflated, as extraction refuses it while inflating. */
function checkDeclaredSize(entry: ZipEntryLocation, limits: EntryLimits): void {
  if (entry.uncompressedSize > entryCap(entry.compressedSize, limits)) {
    throw new AppError('ARCHIVE_TOO_LARGE', `The zip entry ${quoteName(entry.name)} inflates far beyond its compressed size.`);
  }
}

function checkMethod(entry: ZipEntryLocation): void {
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw corrupt(entry, `uses an unsupported compression method (${entry.compressionMethod})`);
  }
}

/** Where the entry's data starts: after its local header, whose name and extra field lengths may differ from the central record's. */
function dataStart(file: PositionalFile, entry: ZipEntryLocation): number {
  const header = file.readAt(entry.localHeaderOffset, LOCAL_HEADER_BYTES);
  if (header.length !== LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) {
    throw corrupt(entry, 'has no valid local header');
  }
  return entry.localHeaderOffset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}

function* compressedChunks(file: PositionalFile, entry: ZipEntryLocation, start: number): Generator<Buffer> {
  for (let offset = 0; offset < entry.compressedSize; offset += CHUNK_BYTES) {
    const length = Math.min(CHUNK_BYTES, entry.compressedSize - offset);
    const chunk = file.readAt(start + offset, length);
    if (chunk.length !== length) throw corrupt(entry, 'is truncated');
    yield chunk;
  }
}

function inflate(entry: ZipEntryLocation, compressed: Buffer): Buffer {
  checkMethod(entry);
  if (entry.compressionMethod === STORED) return compressed;
  try {
    // One byte of room past the declared size tells "exactly as declared" from "more".
    return inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if (error instanceof RangeError) throw beyondDeclaredSize(entry, error);
    throw corrupt(entry, 'does not inflate', error);
  }
}

function beyondDeclaredSize(entry: ZipEntryLocation, cause?: unknown): AppError {
  return new AppError('ARCHIVE_TOO_LARGE', `The zip entry ${quoteName(entry.name)} inflates beyond its declared size.`, { cause });
}

function corrupt(entry: ZipEntryLocation, what: string, cause?: unknown): AppError {
  return new AppError('CORRUPT_ARCHIVE', `The zip entry ${quoteName(entry.name)} ${what}.`, { cause });
}
