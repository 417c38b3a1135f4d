import { expect } from 'chai';
import { ZipInputError, ZipReader, locateArchiveRoot } from '../../../../converter/engine/io/zip-reader.ts';
import { makeTempDir } from '../../../support/tmp.ts';
import { renameEntriesRaw, writeZip, zipBuffer } from '../../../support/zip.ts';
import fs from 'node:fs';
import { buildZip } from '../../archive/zip-builder.ts';

const LIMITS = { maxEntries: 100, maxUncompressedBytes: 1024 * 1024 };

describe('ZipReader', () => {
  const tmp = makeTempDir('zip-reader');
  after(() => tmp.remove());

  async function openError(zipPath: string, limits = LIMITS): Promise<ZipInputError> {
    try {
      await ZipReader.open(zipPath, limits);
    } catch (error) {
      expect(error).to.be.instanceOf(ZipInputError);
      return error as ZipInputError;
    }
    throw new Error('expected ZipReader.open to fail');
  }

  describe('when the archive sits one folder down', () => {
    it('lists, stats and reads files relative to that folder, hidden entries skipped', async () => {
      const zipPath = tmp.join('down.zip');
      await writeZip(zipPath, {
        'My.doccarchive/metadata.json': '{}',
        'My.doccarchive/data/documentation/b.json': 'B',
        'My.doccarchive/data/documentation/a.json': 'A',
        'My.doccarchive/data/documentation/.hidden.json': 'H',
        'My.doccarchive/data/symbol-graphs/': '',
        '__MACOSX/My.doccarchive/._metadata.json': 'junk',
      });
      const reader = await ZipReader.open(zipPath, LIMITS);
      try {
        expect(await reader.listFiles('data/documentation')).to.deep.equal(['data/documentation/a.json', 'data/documentation/b.json']);
        expect(await reader.listChildren('data')).to.deep.equal(['data/documentation', 'data/symbol-graphs']);
        expect(await reader.stat('data/symbol-graphs')).to.deep.equal({ kind: 'directory', size: 0 });
        expect(await reader.stat('metadata.json')).to.deep.equal({ kind: 'file', size: 2 });
        expect(await reader.stat('missing.json')).to.equal(undefined);
        expect((await reader.readFile('data/documentation/b.json')).toString()).to.equal('B');
        expect(reader.displayPath('metadata.json')).to.equal(`${zipPath}/metadata.json`);
      } finally {
        await reader.close();
      }
    });
  });

  describe('when an entry name escapes with ".."', () => {
    it('rejects the zip as unsafe', async () => {
      const zipPath = tmp.join('evil.zip');
      const zip = await zipBuffer({ 'metadata.json': '{}', 'xx/evil.json': 'x' });
      fs.writeFileSync(zipPath, renameEntriesRaw(zip, 'xx/evil', '../evil'));
      expect((await openError(zipPath)).problem).to.equal('unsafe');
    });
  });

  describe('when an entry name is absolute', () => {
    it('rejects the zip as unsafe', async () => {
      const zipPath = tmp.join('absolute.zip');
      const zip = await zipBuffer({ 'metadata.json': '{}', 'etc/passwd': 'x' });
      fs.writeFileSync(zipPath, renameEntriesRaw(zip, 'etc/passwd', '/tc/passwd'));
      expect((await openError(zipPath)).problem).to.equal('unsafe');
    });
  });

  describe('when the file is not a zip', () => {
    it('reports it as corrupt', async () => {
      const zipPath = tmp.join('not.zip');
      fs.writeFileSync(zipPath, 'plain text, not a zip');
      expect((await openError(zipPath)).problem).to.equal('corrupt');
    });
  });

  describe('when the zip holds no DocC archive', () => {
    it('reports it as not DocC', async () => {
      const zipPath = tmp.join('other.zip');
      await writeZip(zipPath, { 'README.md': 'hi', 'src/main.swift': 'x' });
      expect((await openError(zipPath)).problem).to.equal('not-docc');
    });
  });

  describe('when the zip has more entries than allowed', () => {
    it('reports it as too large', async () => {
      const zipPath = tmp.join('many.zip');
      const files: Record<string, string> = {};
      for (let index = 0; index < 5; index += 1) files[`data/${index}.json`] = '{}';
      await writeZip(zipPath, files);
      try {
        await ZipReader.open(zipPath, { maxEntries: 3, maxUncompressedBytes: 1024 });
        expect.fail('expected a failure');
      } catch (error) {
        expect((error as ZipInputError).problem).to.equal('too-large');
      }
    });
  });

  describe('when an entry lies about its size', () => {
    it('refuses the zip at open as too large, even when the engine would never read that entry', async () => {
      const zipPath = tmp.join('liar.zip');
      fs.writeFileSync(zipPath, buildZip([
        { name: 'metadata.json', data: '{}' },
        { name: 'unread/liar.bin', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 10 },
      ]));
      expect((await openError(zipPath)).problem).to.equal('too-large');
    });

    it('refuses an entry that inflates to less than declared as corrupt', async () => {
      const zipPath = tmp.join('short.zip');
      fs.writeFileSync(zipPath, buildZip([{ name: 'metadata.json', data: '{}', declaredSize: 50 }]));
      expect((await openError(zipPath)).problem).to.equal('corrupt');
    });
  });

  describe('when a large entry (checked in a stream, not in memory) is honest or lies', () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'a');
    const cases: Array<[string, Partial<{ declaredSize: number; crc: number; method: number }>, string | undefined]> = [
      ['is exactly as declared', {}, undefined],
      ['is stored, not deflated, and exactly as declared', { method: 0 }, undefined],
      ['inflates beyond its declared size', { declaredSize: 5 * 1024 * 1024 }, 'too-large'],
      ['inflates to less than its declared size', { declaredSize: 7 * 1024 * 1024 }, 'corrupt'],
      ['fails its CRC-32 check', { crc: 99 }, 'corrupt'],
    ];
    for (const [label, lie, problem] of cases) {
      it(`${problem ? 'refuses' : 'accepts'} one that ${label}`, async () => {
        const zipPath = tmp.join(`big-${label.replace(/\W+/g, '-')}.zip`);
        fs.writeFileSync(zipPath, buildZip([{ name: 'metadata.json', data: '{}' }, { name: 'videos/intro.mov', data: big, ...lie }]));
        const roomy = { maxEntries: 10, maxUncompressedBytes: 64 * 1024 * 1024 };
        if (problem) {
          expect((await openError(zipPath, roomy)).problem).to.equal(problem);
          return;
        }
        const reader = await ZipReader.open(zipPath, roomy);
        try {
          expect((await reader.readFile('videos/intro.mov')).equals(big)).to.equal(true);
        } finally {
          await reader.close();
        }
      });
    }
  });

  describe('when an entry fails its CRC-32 check', () => {
    it('refuses the zip as corrupt', async () => {
      const zipPath = tmp.join('crc.zip');
      fs.writeFileSync(zipPath, buildZip([{ name: 'metadata.json', data: '{}', crc: 1234 }]));
      expect((await openError(zipPath)).problem).to.equal('corrupt');
    });

    it('ignores it in macOS junk, which is never read (as extraction skips it)', async () => {
      const zipPath = tmp.join('junk-crc.zip');
      fs.writeFileSync(zipPath, buildZip([{ name: 'metadata.json', data: '{}' }, { name: '._metadata.json', data: 'x', crc: 1 }]));
      const reader = await ZipReader.open(zipPath, LIMITS);
      try {
        expect((await reader.readFile('metadata.json')).toString()).to.equal('{}');
      } finally {
        await reader.close();
      }
    });
  });

  describe('when the caller has already located the archive', () => {
    it('reads from that folder, even one the reader would not find itself', async () => {
      const zipPath = tmp.join('given-root.zip');
      await writeZip(zipPath, { 'a/b/Deep.docc/Deep.md': '# Deep', 'a/other.txt': 'x' });
      await openError(zipPath);
      const reader = await ZipReader.open(zipPath, LIMITS, 'a/b/Deep.docc');
      try {
        expect(await reader.listFiles('')).to.deep.equal(['Deep.md']);
        expect((await reader.readFile('Deep.md')).toString()).to.equal('# Deep');
      } finally {
        await reader.close();
      }
    });

    it('reports not-DocC when nothing lies under the given folder', async () => {
      const zipPath = tmp.join('missing-root.zip');
      await writeZip(zipPath, { 'metadata.json': '{}' });
      try {
        await ZipReader.open(zipPath, LIMITS, 'Gone.doccarchive');
        expect.fail('expected a failure');
      } catch (error) {
        expect((error as ZipInputError).problem).to.equal('not-docc');
      }
    });

    it('leaves macOS __MACOSX metadata out of the archive at the zip root', async () => {
      const zipPath = tmp.join('root-junk.zip');
      await writeZip(zipPath, { 'metadata.json': '{}', '__MACOSX/._metadata.json': 'junk' });
      const reader = await ZipReader.open(zipPath, LIMITS, '');
      try {
        expect(await reader.listChildren('')).to.deep.equal(['metadata.json']);
        expect(await reader.stat('__MACOSX')).to.equal(undefined);
      } finally {
        await reader.close();
      }
    });
  });

  describe('when it is closed', () => {
    it('releases the file descriptor', async () => {
      const zipPath = tmp.join('fd.zip');
      await writeZip(zipPath, { 'metadata.json': '{}' });
      const before = fs.readdirSync('/proc/self/fd').length;
      const reader = await ZipReader.open(zipPath, LIMITS);
      expect(fs.readdirSync('/proc/self/fd').length).to.equal(before + 1);
      await reader.close();
      await new Promise((resolve) => setImmediate(resolve));
      expect(fs.readdirSync('/proc/self/fd').length).to.equal(before);
    });
  });
});

describe('locateArchiveRoot', () => {
  it('finds an archive at the zip root', () => {
    expect(locateArchiveRoot(['Info.plist', 'data/documentation/x.json'])).to.equal('');
  });

  it('finds a .doccarchive folder one level down', () => {
    expect(locateArchiveRoot(['X.doccarchive/data/documentation/x.json'])).to.equal('X.doccarchive/');
  });

  it('finds an unnamed folder that holds archive markers', () => {
    expect(locateArchiveRoot(['export/metadata.json', 'export/data/documentation/x.json'])).to.equal('export/');
  });

  it('refuses two candidate folders', () => {
    expect(locateArchiveRoot(['A.doccarchive/metadata.json', 'B.doccarchive/metadata.json'])).to.equal(undefined);
  });

  it('refuses a folder next to loose files', () => {
    expect(locateArchiveRoot(['notes.txt', 'A.doccarchive/metadata.json'])).to.equal(undefined);
  });
});
