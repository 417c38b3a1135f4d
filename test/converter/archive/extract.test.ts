import { expect } from 'chai';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractZip, resolveInside } from '../../../converter/archive/extract.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { expectAppError } from '../../support/app-error.ts';
import { doccEntries, tempDir, writeZip } from './zip-builder.ts';
import type { RawZipEntry } from './zip-builder.ts';

const MiB = 1024 * 1024;

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.sort();
}

describe('extractZip', () => {
  let dir: string;
  let dest: string;
  beforeEach(async () => {
    dir = await tempDir('extract');
    dest = path.join(dir, 'extracted');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const extract = async (entries: RawZipEntry[], limits = DEFAULT_ARCHIVE_LIMITS) => extractZip(await writeZip(dir, entries), dest, limits);

  describe('when the archive is ordinary', () => {
    it('writes every kept file with its content and skips the junk', async () => {
      const result = await extract([
        ...doccEntries('Demo.doccarchive/'),
        { name: 'Demo.doccarchive/with space/名前 (1).json', data: 'unicode', method: 0 },
        { name: 'Demo.doccarchive/empty.json' },
        { name: '__MACOSX/Demo.doccarchive/._metadata.json', data: 'junk' },
        { name: 'Demo.doccarchive/.DS_Store', data: 'junk' },
      ]);
      expect(result.files).to.equal(4);
      expect(await listTree(dest)).to.deep.equal([
        'Demo.doccarchive',
        'Demo.doccarchive/data',
        'Demo.doccarchive/data/documentation',
        'Demo.doccarchive/data/documentation/demo',
        'Demo.doccarchive/data/documentation/demo/!=(_:_:).json',
        'Demo.doccarchive/empty.json',
        'Demo.doccarchive/metadata.json',
        'Demo.doccarchive/with space',
        'Demo.doccarchive/with space/名前 (1).json',
      ]);
      expect(await readFile(path.join(dest, 'Demo.doccarchive/with space/名前 (1).json'), 'utf8')).to.equal('unicode');
    });

    it('reports the bytes actually inflated', async () => {
      const result = await extract([
        { name: 'a.json', data: 'x'.repeat(1000) },
        { name: 'b.json', data: 'yz' },
      ]);
      expect(result).to.include({ files: 2, bytes: 1002 });
      expect([...result.tree.files]).to.have.members(['a.json', 'b.json']);
    });

    it('creates private files', async () => {
      await extract([{ name: 'a.json', data: '{}' }]);
      expect((await stat(path.join(dest, 'a.json'))).mode & 0o077).to.equal(0);
    });
  });

  describe('when the archive is a zip bomb with honest headers', () => {
    it('refuses it as ARCHIVE_TOO_LARGE and writes nothing', async () => {
      await expectAppError(extract([{ name: 'bomb.bin', data: Buffer.alloc(8 * MiB) }]), 'ARCHIVE_TOO_LARGE');
      await expectAbsent(dest);
    });
  });

  describe('when the archive is a zip bomb whose headers lie about the size', () => {
    it('stops inflating at the cap with ARCHIVE_TOO_LARGE and removes what it wrote', async () => {
      const entries = [
        ...doccEntries('Demo.doccarchive/'),
        { name: 'Demo.doccarchive/bomb.bin', data: Buffer.alloc(8 * MiB), declaredSize: 10 },
      ];
      await expectAppError(extract(entries), 'ARCHIVE_TOO_LARGE');
      await expectAbsent(dest);
    });

    it('reports the bomb even when many good entries follow it', async () => {
      const good = Array.from({ length: 40 }, (_, index) => ({ name: `Demo/page-${index}.json`, data: `{"n":${index}}` }));
      await expectAppError(
        extract([{ name: 'Demo/bomb.bin', data: Buffer.alloc(8 * MiB), declaredSize: 10 }, ...good]),
        'ARCHIVE_TOO_LARGE',
      );
      await expectAbsent(dest);
    });

    it('stops a bomb entry at its own ratio cap inside an archive whose total cap is large', async () => {
      const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxCompressionRatio: 1000, ratioFloorBytes: 64 * 1024, maxEntryCompressionRatio: 200 };
      const error = await expectAppError(
        extract([{ name: 'Demo/bomb.bin', data: Buffer.alloc(8 * MiB), declaredSize: 10 }], limits),
        'ARCHIVE_TOO_LARGE',
      );
      expect(error.message).to.contain('Demo/bomb.bin');
      await expectAbsent(dest);
    });

    it('applies the ratio to the zip size, not only the absolute cap', async () => {
      const limits = { ...DEFAULT_ARCHIVE_LIMITS, ratioFloorBytes: 0, maxCompressionRatio: 5 };
      await expectAppError(extract([{ name: 'a.bin', data: Buffer.alloc(64 * 1024), declaredSize: 1 }], limits), 'ARCHIVE_TOO_LARGE');
    });
  });

  describe('when an entry does not match its header', () => {
    it('refuses a size mismatch as CORRUPT_ARCHIVE and leaves nothing', async () => {
      await expectAppError(extract([{ name: 'a.json', data: 'x'.repeat(100), declaredSize: 99 }]), 'CORRUPT_ARCHIVE');
      await expectAbsent(dest);
    });

    it('refuses a CRC mismatch as CORRUPT_ARCHIVE', async () => {
      await expectAppError(extract([{ name: 'a.json', data: 'hello', crc: 1234 }]), 'CORRUPT_ARCHIVE');
      await expectAbsent(dest);
    });

    it('refuses garbage deflate data as CORRUPT_ARCHIVE', async () => {
      const file = await writeZip(dir, [{ name: 'a.json', data: Buffer.from([0xff, 0xff, 0xff, 0xff]), method: 0 }]);
      // Relabel the stored bytes as deflate data, in the local header and the central directory.
      const bytes = await readFile(file);
      bytes.writeUInt16LE(8, 8);
      bytes.writeUInt16LE(8, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
      await writeFile(file, bytes);
      await expectAppError(extractZip(file, dest, DEFAULT_ARCHIVE_LIMITS), 'CORRUPT_ARCHIVE');
      await expectAbsent(dest);
    });
  });

  describe('when the destination already exists', () => {
    it('removes only what it wrote after a failure', async () => {
      await mkdir(dest);
      await writeFile(path.join(dest, 'keep.txt'), 'mine');
      await expectAppError(
        extract([
          { name: 'x/a.json', data: 'ok' },
          { name: 'x/b.bin', data: Buffer.alloc(4 * MiB), declaredSize: 3 },
        ]),
        'ARCHIVE_TOO_LARGE',
      );
      expect(await listTree(dest)).to.deep.equal(['keep.txt']);
    });
  });
});

describe('resolveInside', () => {
  it('refuses a path that resolves outside the root', async () => {
    await expectAppError(() => resolveInside('/work/root', ['..', 'x']), 'UNSAFE_ARCHIVE');
  });

  it('joins a safe path under the root', () => {
    expect(resolveInside('/work/root', ['a', 'b c.json'])).to.equal('/work/root/a/b c.json');
  });
});

async function expectAbsent(file: string): Promise<void> {
  const found = await stat(file).then(
    () => true,
    () => false,
  );
  expect(found, `${file} should not exist`).to.equal(false);
}
