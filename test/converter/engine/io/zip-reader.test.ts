import { expect } from 'chai';
import { ZipInputError, ZipReader, locateArchiveRoot } from '../../../../converter/engine/io/zip-reader.ts';
import { makeTempDir } from '../../../support/tmp.ts';
import { renameEntriesRaw, writeZip, zipBuffer } from '../../../support/zip.ts';
import fs from 'node:fs';

const LIMITS = { maxEntries: 100, maxUncompressedBytes: 1024 * 1024 };

describe('ZipReader', () => {
  const tmp = makeTempDir('zip-reader');
  after(() => tmp.remove());

  async function openError(zipPath: string): Promise<ZipInputError> {
    try {
      await ZipReader.open(zipPath, LIMITS);
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
