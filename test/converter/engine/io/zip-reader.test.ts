import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Profile } from '../../../../common/contract/conversion-job.ts';
import { inspectZip } from '../../../../converter/archive/inspect.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../../converter/archive/types.ts';
import type { ArchiveLimits } from '../../../../converter/archive/types.ts';
import { EngineError } from '../../../../converter/engine/api.ts';
import { ZipReader } from '../../../../converter/engine/io/zip-reader.ts';
import { makeTempDir } from '../../../support/tmp.ts';
import { renameEntriesRaw, writeZip, zipBuffer } from '../../../support/zip.ts';
import { buildZip } from '../../archive/zip-builder.ts';

const LIMITS: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 100, maxUncompressedBytes: 1024 * 1024 };

describe('ZipReader (the engine reading a zip in place with the archive rules)', () => {
  const tmp = makeTempDir('zip-reader');
  after(() => tmp.remove());

  const open = (zipPath: string, limits = LIMITS, root?: string, profile: Profile = 'rich'): Promise<ZipReader> =>
    ZipReader.open(zipPath, { limits, profile, root });

  /** The archive code a zip is refused with, at open or when every entry is verified. */
  async function refusal(zipPath: string, limits = LIMITS, root?: string): Promise<string | undefined> {
    try {
      const reader = await open(zipPath, limits, root);
      try {
        await reader.verify();
      } finally {
        await reader.close();
      }
    } catch (error) {
      expect(error).to.be.instanceOf(EngineError);
      return (error as EngineError).reason;
    }
    throw new Error('expected the zip to be refused');
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
      const reader = await open(zipPath);
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
    it('rejects the zip as UNSAFE_ARCHIVE, naming the entry', async () => {
      const zipPath = tmp.join('evil.zip');
      const zip = await zipBuffer({ 'metadata.json': '{}', 'xx/evil.json': 'x' });
      fs.writeFileSync(zipPath, renameEntriesRaw(zip, 'xx/evil', '../evil'));
      const error = await open(zipPath).then(
        () => undefined,
        (caught: unknown) => caught as EngineError,
      );
      expect(error?.reason).to.equal('UNSAFE_ARCHIVE');
      expect(error?.message).to.match(/^Input zip contains an unsafe entry \(.*"\.\.\/evil\.json".*\): /);
    });
  });

  describe('when an entry name is absolute', () => {
    it('rejects the zip as UNSAFE_ARCHIVE', async () => {
      const zipPath = tmp.join('absolute.zip');
      const zip = await zipBuffer({ 'metadata.json': '{}', 'etc/passwd': 'x' });
      fs.writeFileSync(zipPath, renameEntriesRaw(zip, 'etc/passwd', '/tc/passwd'));
      expect(await refusal(zipPath)).to.equal('UNSAFE_ARCHIVE');
    });
  });

  describe('when the file is not a zip', () => {
    it('reports it with the code the service gives (UNSUPPORTED_MEDIA_TYPE) and the corrupt-zip message', async () => {
      const zipPath = tmp.join('not.zip');
      fs.writeFileSync(zipPath, 'plain text, not a zip');
      const error = await open(zipPath).then(
        () => undefined,
        (caught: unknown) => caught as EngineError,
      );
      expect(error?.reason).to.equal('UNSUPPORTED_MEDIA_TYPE');
      expect(error?.message).to.equal(`Input zip is corrupt or not a zip file: ${zipPath}`);
    });
  });

  describe('when the zip holds no DocC archive', () => {
    it('reports NOT_DOCC_ARCHIVE', async () => {
      const zipPath = tmp.join('other.zip');
      await writeZip(zipPath, { 'README.md': 'hi', 'src/main.swift': 'x' });
      expect(await refusal(zipPath)).to.equal('NOT_DOCC_ARCHIVE');
    });
  });

  describe('when the zip has more entries than allowed', () => {
    it('reports TOO_MANY_ENTRIES', async () => {
      const zipPath = tmp.join('many.zip');
      const files: Record<string, string> = {};
      for (let index = 0; index < 5; index += 1) files[`data/${index}.json`] = '{}';
      await writeZip(zipPath, files);
      expect(await refusal(zipPath, { ...LIMITS, maxEntries: 3 })).to.equal('TOO_MANY_ENTRIES');
    });
  });

  describe('when an entry lies about its size', () => {
    it('refuses the zip as too large, even when the engine never read that entry', async () => {
      const zipPath = tmp.join('liar.zip');
      fs.writeFileSync(
        zipPath,
        buildZip([
          { name: 'metadata.json', data: '{}' },
          { name: 'unread/liar.bin', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 10 },
        ]),
      );
      expect(await refusal(zipPath)).to.equal('ARCHIVE_TOO_LARGE');
    });

    it('refuses an entry that inflates to less than declared as corrupt', async () => {
      const zipPath = tmp.join('short.zip');
      fs.writeFileSync(zipPath, buildZip([{ name: 'metadata.json', data: '{}', declaredSize: 50 }]));
      expect(await refusal(zipPath)).to.equal('CORRUPT_ARCHIVE');
    });

    it('refuses an entry that declares far more than its compressed size allows, before inflating it', async () => {
      const zipPath = tmp.join('declared-bomb.zip');
      fs.writeFileSync(
        zipPath,
        buildZip([
          { name: 'metadata.json', data: '{}' },
          { name: 'bomb.bin', data: Buffer.alloc(4 * 1024 * 1024) },
        ]),
      );
      expect(await refusal(zipPath, { ...LIMITS, maxUncompressedBytes: 64 * 1024 * 1024 })).to.equal('ARCHIVE_TOO_LARGE');
    });
  });

  describe('when a large entry (checked in a stream, not in memory) is honest or lies', () => {
    // Random bytes barely compress, so the entry ratio cap never applies.
    const big = randomBytes(6 * 1024 * 1024);
    const cases: Array<[string, Partial<{ declaredSize: number; crc: number; method: number }>, string | undefined]> = [
      ['is exactly as declared', {}, undefined],
      ['is stored, not deflated, and exactly as declared', { method: 0 }, undefined],
      ['inflates beyond its declared size', { declaredSize: 5 * 1024 * 1024 }, 'ARCHIVE_TOO_LARGE'],
      ['inflates to less than its declared size', { declaredSize: 7 * 1024 * 1024 }, 'CORRUPT_ARCHIVE'],
      ['fails its CRC-32 check', { crc: 99 }, 'CORRUPT_ARCHIVE'],
    ];
    const roomy = { ...LIMITS, maxEntries: 10, maxUncompressedBytes: 64 * 1024 * 1024 };
    for (const [label, lie, problem] of cases) {
      it(`${problem ? 'refuses' : 'accepts'} one that ${label}`, async () => {
        const zipPath = tmp.join(`big-${label.replace(/\W+/g, '-')}.zip`);
        fs.writeFileSync(
          zipPath,
          buildZip([
            { name: 'metadata.json', data: '{}' },
            { name: 'videos/intro.mov', data: big, ...lie },
          ]),
        );
        if (problem) {
          expect(await refusal(zipPath, roomy)).to.equal(problem);
          return;
        }
        const reader = await open(zipPath, roomy);
        try {
          expect((await reader.readFile('videos/intro.mov')).equals(big)).to.equal(true);
          await reader.verify();
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
      expect(await refusal(zipPath)).to.equal('CORRUPT_ARCHIVE');
    });

    it('keeps refusing once read, even when the caller treated the failed read as a missing file', async () => {
      const zipPath = tmp.join('crc-read.zip');
      fs.writeFileSync(
        zipPath,
        buildZip([
          { name: 'metadata.json', data: '{}' },
          { name: 'Info.plist', data: 'x', crc: 1 },
        ]),
      );
      const reader = await open(zipPath);
      try {
        await reader.readFile('Info.plist').catch(() => undefined);
        const error = await reader.verify().then(
          () => undefined,
          (caught: unknown) => caught as EngineError,
        );
        expect(error?.reason).to.equal('CORRUPT_ARCHIVE');
      } finally {
        await reader.close();
      }
    });

    it('ignores it in macOS junk, which is never read (as extraction skips it)', async () => {
      const zipPath = tmp.join('junk-crc.zip');
      fs.writeFileSync(
        zipPath,
        buildZip([
          { name: 'metadata.json', data: '{}' },
          { name: '._metadata.json', data: 'x', crc: 1 },
        ]),
      );
      const reader = await open(zipPath);
      try {
        expect((await reader.readFile('metadata.json')).toString()).to.equal('{}');
        await reader.verify();
      } finally {
        await reader.close();
      }
    });
  });

  describe('when the caller has already located the archive', () => {
    it('reads from that folder, even one the reader would not find itself', async () => {
      const zipPath = tmp.join('given-root.zip');
      await writeZip(zipPath, { 'a/b/Deep.docc/Deep.md': '# Deep', 'a/other.txt': 'x' });
      expect(await refusal(zipPath)).to.equal('NOT_DOCC_ARCHIVE');
      const reader = await open(zipPath, LIMITS, 'a/b/Deep.docc');
      try {
        expect(await reader.listFiles('')).to.deep.equal(['Deep.md']);
        expect((await reader.readFile('Deep.md')).toString()).to.equal('# Deep');
      } finally {
        await reader.close();
      }
    });

    it('reports NOT_DOCC_ARCHIVE when the given folder is not in the zip', async () => {
      const zipPath = tmp.join('missing-root.zip');
      await writeZip(zipPath, { 'metadata.json': '{}' });
      expect(await refusal(zipPath, LIMITS, 'Gone.doccarchive')).to.equal('NOT_DOCC_ARCHIVE');
    });

    it('leaves macOS __MACOSX metadata out of the archive at the zip root', async () => {
      const zipPath = tmp.join('root-junk.zip');
      await writeZip(zipPath, { 'metadata.json': '{}', '__MACOSX/._metadata.json': 'junk' });
      const reader = await open(zipPath, LIMITS, '');
      try {
        expect(await reader.listChildren('')).to.deep.equal(['metadata.json']);
        expect(await reader.stat('__MACOSX')).to.equal(undefined);
      } finally {
        await reader.close();
      }
    });
  });

  describe('when the caller hands over the index it read while validating the zip', () => {
    it('reads entries through that index, never the central directory again', async () => {
      const zipPath = tmp.join('indexed.zip');
      await writeZip(zipPath, { 'Demo.doccarchive/metadata.json': '{"a":1}' });
      const { root, index } = await inspectZip(zipPath, LIMITS, 'rich');
      // Spoil the end-of-central-directory record: only a reader that walks the directory notices.
      const bytes = fs.readFileSync(zipPath);
      bytes.fill(0, bytes.length - 22);
      fs.writeFileSync(zipPath, bytes);
      expect(await refusal(zipPath)).to.equal('CORRUPT_ARCHIVE');
      const reader = await ZipReader.open(zipPath, { limits: LIMITS, profile: 'rich', root, index });
      try {
        expect((await reader.readFile('metadata.json')).toString()).to.equal('{"a":1}');
        await reader.verify();
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
      const reader = await open(zipPath);
      expect(fs.readdirSync('/proc/self/fd').length).to.equal(before + 1);
      await reader.close();
      await new Promise((resolve) => setImmediate(resolve));
      expect(fs.readdirSync('/proc/self/fd').length).to.equal(before);
    });
  });
});
