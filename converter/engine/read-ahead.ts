// Reads files in order with a bounded window of reads in flight: the archive readers are
// asynchronous, and overlapping their open/read/close calls is several times faster than
// awaiting them one by one, while memory stays bounded by the window. Both profiles read
// through it (swift-compat's documentation pass, rich's two passes).
import type { ArchiveReader } from './io/archive-reader.ts';

/** Reads in flight ahead of the file being consumed. */
export const READ_AHEAD = 16;

export interface ReadInOrderOptions {
  window?: number;
  /** Files the caller holds already: not read, yielded in their place with an empty buffer. */
  skip?: (file: string) => boolean;
}

export async function* readInOrder(
  reader: ArchiveReader,
  files: readonly string[],
  options: ReadInOrderOptions = {},
): AsyncGenerator<{ file: string; data: Buffer }> {
  const { window = READ_AHEAD, skip } = options;
  const pending: Promise<Buffer>[] = [];
  let next = 0;
  const start = (): void => {
    const file = files[next] as string;
    const read = skip?.(file) === true ? Promise.resolve(Buffer.alloc(0)) : reader.readFile(file);
    read.catch(() => undefined); // Surfaces when taken; not "unhandled" before that.
    pending.push(read);
    next += 1;
  };
  for (let index = 0; index < files.length; index += 1) {
    while (next < files.length && next <= index + window) start();
    yield { file: files[index] as string, data: await (pending.shift() as Promise<Buffer>) };
  }
}
