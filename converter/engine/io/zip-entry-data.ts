// Reads or checks one zip entry's bytes, trusting nothing the headers say: inflation stops at the
// declared size (a lying header cannot make it inflate more), and the result must match the
// declared size and CRC-32 exactly.
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import type yauzl from 'yauzl';
import type { PositionalFile } from './positional-file.ts';
import { ZipInputError } from './zip-input-error.ts';

const STORED = 0;
const DEFLATED = 8;
/** Entries up to this size are checked in one synchronous inflate; larger ones stream. */
const IN_MEMORY_CHECK_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export async function readEntryData(zip: yauzl.ZipFile, file: PositionalFile, entry: yauzl.Entry): Promise<Buffer> {
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  const compressed = file.readAt(fileDataStart, entry.compressedSize);
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
export async function checkEntryData(zip: yauzl.ZipFile, file: PositionalFile, entry: yauzl.Entry): Promise<void> {
  if (Math.max(entry.compressedSize, entry.uncompressedSize) <= IN_MEMORY_CHECK_BYTES) {
    await readEntryData(zip, file, entry);
    return;
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw corrupt(entry, `uses compression method ${entry.compressionMethod}`);
  }
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  let size = 0;
  let checksum = 0;
  // pipeline() may reject with the abort its teardown caused rather than with this.
  let tooLarge: ZipInputError | undefined;
  try {
    await pipeline(
      Readable.from(compressedChunks(file, entry, fileDataStart)),
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
    throw tooLarge ?? (error instanceof ZipInputError ? error : corrupt(entry, 'does not inflate', error));
  }
  if (size < entry.uncompressedSize) throw corrupt(entry, 'is shorter than its declared size');
  if (checksum !== entry.crc32) throw corrupt(entry, 'fails its CRC-32 check');
}

function* compressedChunks(file: PositionalFile, entry: yauzl.Entry, start: number): Generator<Buffer> {
  for (let offset = 0; offset < entry.compressedSize; offset += CHUNK_BYTES) {
    const length = Math.min(CHUNK_BYTES, entry.compressedSize - offset);
    const chunk = file.readAt(start + offset, length);
    if (chunk.length !== length) throw corrupt(entry, 'is truncated');
    yield chunk;
  }
}

function inflate(entry: yauzl.Entry, compressed: Buffer): Buffer {
  if (entry.compressionMethod === STORED) return compressed;
  if (entry.compressionMethod !== DEFLATED) throw corrupt(entry, `uses compression method ${entry.compressionMethod}`);
  try {
    // One byte of room past the declared size tells "exactly as declared" from "more".
    return inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if (error instanceof RangeError) throw beyondDeclaredSize(entry, error);
    throw corrupt(entry, 'does not inflate', error);
  }
}

function beyondDeclaredSize(entry: yauzl.Entry, cause?: unknown): ZipInputError {
  return new ZipInputError('too-large', `Zip entry '${entry.fileName}' inflates beyond its declared size`, { cause });
}

function corrupt(entry: yauzl.Entry, what: string, cause?: unknown): ZipInputError {
  return new ZipInputError('corrupt', `Zip entry '${entry.fileName}' ${what}`, { cause });
}
