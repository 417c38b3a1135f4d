// A zip file for yauzl whose tail (where the central directory lives) is read once, in one
// asynchronous read, and served from memory: walking a directory of a thousand entries then costs
// no system call per entry. Everything outside the tail (entry data) is read from the file.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** Enough for the central directory of ~10,000 entries with ordinary names. */
export const DEFAULT_TAIL_BYTES = 1024 * 1024;

export class TailBufferedFile extends yauzl.RandomAccessReader {
  readonly size: number;
  private readonly handle: FileHandle;
  private readonly tail: Buffer;
  private readonly tailStart: number;

  private constructor(handle: FileHandle, size: number, tail: Buffer) {
    super();
    this.handle = handle;
    this.size = size;
    this.tail = tail;
    this.tailStart = size - tail.length;
  }

  static async open(filePath: string, tailBytes = DEFAULT_TAIL_BYTES): Promise<TailBufferedFile> {
    const handle = await open(filePath, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, tailBytes);
      const tail = Buffer.alloc(length);
      const { bytesRead } = await handle.read(tail, 0, length, size - length);
      if (bytesRead !== length) throw new Error('The zip file changed while it was read');
      return new TailBufferedFile(handle, size, tail);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The first `length` bytes (fewer for a shorter file), for sniffing the magic number. */
  async head(length: number): Promise<Buffer> {
    const wanted = Math.min(length, this.size);
    if (this.inTail(0, wanted)) return this.tail.subarray(0, wanted);
    const { buffer, bytesRead } = await this.handle.read(Buffer.alloc(wanted), 0, wanted, 0);
    return buffer.subarray(0, bytesRead);
  }

  /** Closes the file before a yauzl ZipFile owns it (afterwards, closing the ZipFile does it). */
  async dispose(): Promise<void> {
    await this.handle.close();
  }

  private inTail(start: number, end: number): boolean {
    return start >= this.tailStart && end <= this.size;
  }

  // eslint-disable-next-line max-params -- yauzl's RandomAccessReader signature
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    if (this.inTail(position, position + length)) {
      this.tail.copy(buffer, offset, position - this.tailStart, position - this.tailStart + length);
      process.nextTick(callback, null);
      return;
    }
    this.handle.read(buffer, offset, length, position).then(
      ({ bytesRead }) => callback(bytesRead === length ? null : new Error('unexpected EOF')),
      (error: Error) => callback(error),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (this.inTail(start, end)) return Readable.from([this.tail.subarray(start - this.tailStart, end - this.tailStart)]);
    return rangeStream(this.handle, start, end);
  }

  override close(callback: (error: Error | null) => void): void {
    this.handle.close().then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Bytes [start, end) of the shared handle. Not an fs.ReadStream: destroying one closes its
 * descriptor even with autoClose off, and stream.pipeline() destroys every stream it ran.
 */
function rangeStream(handle: FileHandle, start: number, end: number): Readable {
  let position = start;
  return new Readable({
    read(this: Readable): void {
      const length = Math.min(CHUNK_BYTES, end - position);
      if (length <= 0) {
        this.push(null);
        return;
      }
      handle.read(Buffer.allocUnsafe(length), 0, length, position).then(
        ({ bytesRead, buffer }) => {
          if (bytesRead === 0) return this.destroy(new Error('unexpected EOF'));
          position += bytesRead;
          this.push(buffer.subarray(0, bytesRead));
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}
