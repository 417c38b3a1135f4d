import { expect } from 'chai';
import yauzl from 'yauzl';
import { TailBufferedFile } from '../../../converter/archive/tail-buffered-file.ts';
import { makeTempDir } from '../../support/tmp.ts';
import { writeZip } from './zip-builder.ts';

async function readAll(zipPath: string, tailBytes: number): Promise<Map<string, string>> {
  const file = await TailBufferedFile.open(zipPath, tailBytes);
  const zip = await yauzl.fromRandomAccessReaderPromise(file, file.size, { lazyEntries: true, autoClose: false });
  const contents = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      contents.set(entry.fileName, Buffer.concat(chunks).toString());
    }
  } finally {
    zip.close();
  }
  return contents;
}

describe('TailBufferedFile (yauzl reader serving the central directory from memory)', () => {
  const tmp = makeTempDir('tail-buffered');
  after(() => tmp.remove());
  const dir = tmp.path;

  const entries = Array.from({ length: 40 }, (_, i) => ({
    name: `Demo.doccarchive/data/page-${i}.json`,
    data: `{"page":${i}}`.repeat(50),
  }));
  const expected = new Map(entries.map((entry) => [entry.name, entry.data]));

  for (const [label, tailBytes] of [
    ['holds the whole file', 1024 * 1024],
    ['holds only part of the central directory', 300],
    ['is smaller than one record', 10],
  ] as const) {
    it(`reads every entry name and byte the same when the tail ${label}`, async () => {
      const zipPath = await writeZip(dir, entries, `tail-${tailBytes}.zip`);
      expect(await readAll(zipPath, tailBytes)).to.deep.equal(expected);
    });
  }

  for (const tailBytes of [1024 * 1024, 10]) {
    it(`gives the first bytes for sniffing whether or not the tail covers them (tail ${tailBytes} bytes)`, async () => {
      const zipPath = await writeZip(dir, entries, `head-${tailBytes}.zip`);
      const file = await TailBufferedFile.open(zipPath, tailBytes);
      try {
        expect([...(await file.head(4))]).to.deep.equal([0x50, 0x4b, 0x03, 0x04]);
      } finally {
        await file.dispose();
      }
    });
  }
});
