// Reads one zip entry's bytes in full, trusting nothing the headers say: inflation stops at the
// declared size (a lying header cannot make it inflate more), and the result must match the
// declared size and CRC-32 exactly.
import { crc32, inflateRawSync } from 'node:zlib';
import type yauzl from 'yauzl';
import type { PositionalFile } from './positional-file.ts';
import { ZipInputError } from './zip-input-error.ts';

const STORED = 0;
const DEFLATED = 8;

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
