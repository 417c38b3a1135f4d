import AdmZip from 'adm-zip';
import { expect } from 'chai';
import { readMarkdownFiles, type ResultZipLimits } from '../../../operator/dispatch/result-zip.ts';
import { makeZip } from '../support/zip.ts';

const LIMITS: ResultZipLimits = { maxZipBytes: 1024 * 1024, maxEntries: 100, maxBytes: 1024 };

function failure(read: () => unknown): { code?: string; permanent?: boolean } | undefined {
  try {
    read();
  } catch (error) {
    return error as { code?: string; permanent?: boolean };
  }
  return undefined;
}

/** A zip of one entry whose headers (local and central) declare `declaredSize` uncompressed bytes. */
function lyingZip(name: string, content: Buffer, declaredSize: number, stored: boolean): Buffer {
  const builder = new AdmZip();
  builder.addFile(name, content);
  if (stored) (builder.getEntry(name) as AdmZip.IZipEntry).header.method = 0;
  const zip = builder.toBuffer();
  for (let offset = 0; offset + 30 <= zip.length; offset += 1) {
    const signature = zip.readUInt32LE(offset);
    if (signature === 0x04034b50) zip.writeUInt32LE(declaredSize, offset + 22);
    if (signature === 0x02014b50) zip.writeUInt32LE(declaredSize, offset + 24);
  }
  return zip;
}

describe('readMarkdownFiles', () => {
  describe('when the result zip holds Markdown, llms.txt and other files', () => {
    it('keeps the Markdown files and llms.txt, and drops the rest', () => {
      const zip = makeZip({
        'index.md': '# Index',
        'llms.txt': '# Kit',
        'markdown/documentation/kit/index.md': '# Kit',
        'linkgraph/adjacency.json': '{}',
        'markdown/': '',
      });
      const files = readMarkdownFiles(zip, LIMITS);
      expect([...files.keys()].sort()).to.deep.equal(['index.md', 'llms.txt', 'markdown/documentation/kit/index.md']);
      expect(files.get('llms.txt')).to.equal('# Kit');
    });
  });

  describe('when the kept files pass the cap', () => {
    it('fails with OUTPUT_TOO_LARGE, permanently', () => {
      const error = failure(() => readMarkdownFiles(makeZip({ 'llms.txt': 'x'.repeat(2048) }), LIMITS));
      expect(error).to.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
    });
  });

  describe('when the zip itself is larger than a ConfigMap output reads', () => {
    it('fails with OUTPUT_TOO_LARGE before parsing it', () => {
      // Not a zip at all: parsing it would fail differently.
      const error = failure(() => readMarkdownFiles(Buffer.alloc(LIMITS.maxZipBytes + 1), LIMITS));
      expect(error).to.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
    });
  });

  describe('when the central directory lists more entries than allowed', () => {
    it('fails with OUTPUT_TOO_LARGE before reading any entry', () => {
      const zip = makeZip({ 'a.md': 'a', 'b.md': 'b', 'c.md': 'c' });
      const error = failure(() => readMarkdownFiles(zip, { ...LIMITS, maxEntries: 2 }));
      expect(error).to.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
    });
  });

  describe('when a compressed entry inflates to more than its headers declare', () => {
    it('stops at the declared size and refuses the zip as unreadable (transient)', () => {
      const zip = lyingZip('bomb.md', Buffer.alloc(512 * 1024, 'x'), 10, false);
      expect(zip.length).to.be.lessThan(LIMITS.maxBytes * 4);
      const error = failure(() => readMarkdownFiles(zip, LIMITS));
      expect(error).to.include({ code: 'INTERNAL', permanent: false });
    });
  });

  describe('when a stored entry holds more than its headers declare', () => {
    it('counts the bytes that came out and fails with OUTPUT_TOO_LARGE', () => {
      const zip = lyingZip('big.md', Buffer.alloc(2048, 'x'), 10, true);
      const error = failure(() => readMarkdownFiles(zip, LIMITS));
      expect(error).to.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
    });
  });

  describe('when the bytes are not a zip', () => {
    it('fails as an unreadable result, which a retry may fix', () => {
      const error = failure(() => readMarkdownFiles(Buffer.from('<html>502 Bad Gateway</html>'), LIMITS));
      expect(error).to.include({ code: 'INTERNAL', permanent: false });
    });
  });
});
