// Reads files in order with a bounded window of reads in flight: the archive readers are
// asynchronous, and overlapping their open/read/close calls is several times faster than
// awaiting them one by one, while memory stays bounded by the window.
import type { ArchiveReader } from './io/archive-reader.ts';

export const READ_AHEAD = 16;

export async function* readInOrder(
  reader: ArchiveReader,
  files: readonly string[],
  window = READ_AHEAD,
): AsyncGenerator<{ file: string; data: Buffer }> {
  const pending: Promise<Buffer>[] = [];
  let next = 0;
  const start = (): void => {
    const read = reader.readFile(files[next] as string);
    read.catch(() => undefined); // Surfaces when taken; not "unhandled" before that.
    pending.push(read);
    next += 1;
  };
  for (let index = 0; index < files.length; index += 1) {
    while (next < files.length && next <= index + window) start();
    yield { file: files[index] as string, data: await (pending.shift() as Promise<Buffer>) };
  }
}
