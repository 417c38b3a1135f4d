// The one read-ahead both profiles read through: file order kept, a bounded window of reads in
// flight, files the caller holds not read, and a failed read reported at its own turn.
import { expect } from 'chai';
import type { ArchiveReader, ArchiveStat } from '../../../converter/engine/io/archive-reader.ts';
import { READ_AHEAD, readInOrder } from '../../../converter/engine/read-ahead.ts';

/** Records each read as it starts, so the test sees how far ahead the reads run. */
class RecordingReader implements ArchiveReader {
  readonly started: string[] = [];
  private readonly failing: Set<string>;

  constructor(failing: string[] = []) {
    this.failing = new Set(failing);
  }

  displayPath(relativePath: string): string {
    return `/archive/${relativePath}`;
  }
  listFiles(): Promise<string[]> {
    return Promise.resolve([]);
  }
  listChildren(): Promise<string[]> {
    return Promise.resolve([]);
  }
  stat(): Promise<ArchiveStat | undefined> {
    return Promise.resolve(undefined);
  }
  readFile(relativePath: string): Promise<Buffer> {
    this.started.push(relativePath);
    if (this.failing.has(relativePath)) return Promise.reject(new Error(`cannot read ${relativePath}`));
    return Promise.resolve(Buffer.from(`content of ${relativePath}`));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const names = (count: number): string[] => Array.from({ length: count }, (_, index) => `data/${String(index).padStart(3, '0')}.json`);

async function collect(reads: AsyncGenerator<{ file: string; data: Buffer }>): Promise<{ file: string; text: string }[]> {
  const taken: { file: string; text: string }[] = [];
  for await (const { file, data } of reads) taken.push({ file, text: data.toString('utf8') });
  return taken;
}

describe('readInOrder', () => {
  it('yields every file with its own content, in the order given', async () => {
    const files = names(40);
    const taken = await collect(readInOrder(new RecordingReader(), files));
    expect(taken.map((entry) => entry.file)).to.deep.equal(files);
    expect(taken.every((entry) => entry.text === `content of ${entry.file}`)).to.equal(true);
  });

  it('starts at most the window (plus the file being taken) ahead of the consumer', async () => {
    const reader = new RecordingReader();
    const reads = readInOrder(reader, names(40), { window: 4 });
    await reads.next();
    expect(reader.started).to.have.length(5);
    await reads.next();
    expect(reader.started).to.have.length(6);
    await reads.return(undefined);
  });

  it('keeps READ_AHEAD reads in flight by default', async () => {
    const reader = new RecordingReader();
    const reads = readInOrder(reader, names(40));
    await reads.next();
    expect(reader.started).to.have.length(READ_AHEAD + 1);
    await reads.return(undefined);
  });

  it('does not read a skipped file and yields an empty buffer in its place', async () => {
    const reader = new RecordingReader();
    const files = names(5);
    const taken = await collect(readInOrder(reader, files, { skip: (file) => file === files[2] }));
    expect(reader.started).to.deep.equal(files.filter((file) => file !== files[2]));
    expect(taken.map((entry) => entry.file)).to.deep.equal(files);
    expect(taken[2]?.text).to.equal('');
  });

  it('reports a failed read when its file is taken, after the files before it', async () => {
    const files = names(6);
    const taken: string[] = [];
    let failure: unknown;
    try {
      for await (const { file } of readInOrder(new RecordingReader([files[3] as string]), files)) taken.push(file);
    } catch (error) {
      failure = error;
    }
    expect(taken).to.deep.equal(files.slice(0, 3));
    expect(failure).to.be.instanceOf(Error).with.property('message', `cannot read ${files[3]}`);
  });
});
