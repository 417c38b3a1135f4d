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
  private readonly capText: string;

  /** `capText` names the cap and its setting in the client's message (default: the byte count). */
  constructor(capBytes: number, capText: string = formatBytes(capBytes)) {
    this.capBytes = capBytes;
    this.capText = capText;
  }

  get bytes(): number {
    return this.used;
  }

  take(count: number): void {
    this.used += count;
    if (this.used > this.capBytes) {
      throw new AppError('ARCHIVE_TOO_LARGE', `The zip inflates to more than ${this.capText}.`);
    }
  }
}

export interface EntryExpectation {
  name: string;
  size: number;
  crc32: number;
  /** Most bytes this one entry may inflate to (its own ratio cap). */
  capBytes: number;
}

function entryTooLarge(name: string): AppError {
  return new AppError('ARCHIVE_TOO_LARGE', `The zip entry ${quoteName(name)} inflates far beyond its compressed size.`);
}

/** A pass-through stream that charges every chunk to the budget and verifies the entry at its end. */
export function meteredEntryStream(budget: InflateBudget, expected: EntryExpectation): Transform {
  let size = 0;
  let checksum = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      size += chunk.length;
      try {
        budget.take(chunk.length);
        if (size > expected.capBytes) throw entryTooLarge(expected.name);
      } catch (error) {
        callback(error as Error);
        return;
      }
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
