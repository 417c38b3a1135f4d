// A zip file read with synchronous positional reads (pread), for entry data. The engine runs in a
// worker thread, so blocking there is free, and a read of a few bytes from the page cache costs far
// less than the stream and thread-pool round trip of an asynchronous one.
import fs from 'node:fs';

export class PositionalFile {
  readonly size: number;
  private fd: number | undefined;

  private constructor(fd: number, size: number) {
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

  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
