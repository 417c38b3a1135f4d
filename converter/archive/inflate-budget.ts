// Counts the bytes an archive actually inflates to, so a lying size header cannot help a bomb,
// and checks each entry against its declared size and CRC-32 once it is complete.
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { AppError } from '../errors.ts';
import { quoteName } from './entry-rules.ts';
import { formatBytes } from './limits.ts';

export class InflateBudget {
  private used = 0;
  private readonly capBytes: number;

  constructor(capBytes: number) {
    this.capBytes = capBytes;
  }

  get bytes(): number {
    return this.used;
  }

  take(count: number): void {
    this.used += count;
    if (this.used > this.capBytes) {
      throw new AppError('ARCHIVE_TOO_LARGE', `The zip inflates to more than ${formatBytes(this.capBytes)}.`);
    }
  }
}

export interface EntryExpectation {
  name: string;
  size: number;
  crc32: number;
}

/** A pass-through stream that charges every chunk to the budget and verifies the entry at its end. */
export function meteredEntryStream(budget: InflateBudget, expected: EntryExpectation): Transform {
  let size = 0;
  let checksum = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      try {
        budget.take(chunk.length);
      } catch (error) {
        callback(error as Error);
        return;
      }
      size += chunk.length;
      checksum = crc32(chunk, checksum);
      callback(null, chunk);
    },
    flush(callback: TransformCallback): void {
      if (size !== expected.size || checksum !== expected.crc32) {
        callback(new AppError('CORRUPT_ARCHIVE', `The zip entry ${quoteName(expected.name)} is corrupt.`));
        return;
      }
      callback();
    },
  });
}
