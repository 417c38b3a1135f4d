// A zip file read with synchronous positional reads (pread), for yauzl and for entry data. The
// engine runs in a worker thread, so blocking there is free, and a read of a few bytes from the
// page cache costs far less than the stream and thread-pool round trip of an asynchronous one:
// indexing 1,000 entries goes from ~100 ms to a few ms.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

export class PositionalFile extends yauzl.RandomAccessReader {
  readonly size: number;
  private fd: number | undefined;

  private constructor(fd: number, size: number) {
    super();
    this.fd = fd;
    this.size = size;
  }

  static open(filePath: string): PositionalFile {
    const fd = fs.openSync(filePath, 'r');
    try {
      return new PositionalFile(fd, fs.fstatSync(fd).size);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** Exactly `length` bytes at `position`, or fewer when the file ends first. */
  readAt(position: number, length: number): Buffer {
    if (this.fd === undefined) throw new Error('The zip file is closed');
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const read = fs.readSync(this.fd, buffer, filled, length - filled, position + filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === length ? buffer : buffer.subarray(0, filled);
  }

  // eslint-disable-next-line max-params -- yauzl's RandomAccessReader signature
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    let failure: Error | null = null;
    try {
      const data = this.readAt(position, length);
      if (data.length < length) throw new Error('unexpected EOF');
      data.copy(buffer, offset);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    // yauzl expects its callbacks later, never during the call.
    process.nextTick(callback, failure);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.readAt(start, end - start)]);
  }

  override close(callback: (error: Error | null) => void): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    process.nextTick(callback, null);
  }
}
