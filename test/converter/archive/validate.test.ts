import { expect } from 'chai';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validateZip } from '../../../converter/archive/validate.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { expectAppError } from '../../support/app-error.ts';
import { buildZip, doccEntries, tempDir, writeZip } from './zip-builder.ts';
import type { RawZipEntry } from './zip-builder.ts';

describe('validateZip', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('validate');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const validate = async (entries: RawZipEntry[], limits = DEFAULT_ARCHIVE_LIMITS) => validateZip(await writeZip(dir, entries), limits);

  describe('when the zip is an ordinary DocC archive with junk', () => {
    it('counts files and directories and skips the junk', async () => {
      const summary = await validate([
        ...doccEntries('Demo.doccarchive/'),
        { name: 'Demo.doccarchive/with space (1)/Ünïcödé.json', data: '{}' },
        { name: '__MACOSX/' },
        { name: '__MACOSX/Demo.doccarchive/._metadata.json', data: 'x' },
        { name: 'Demo.doccarchive/.DS_Store', data: 'x' },
      ]);
      expect(summary).to.include({ entries: 7, files: 3, directories: 1, skipped: 3 });
    });
  });

  describe('when the zip is empty (end-of-central-directory only)', () => {
    it('accepts it with no files', async () => {
      const summary = await validate([]);
      expect(summary).to.include({ entries: 0, files: 0 });
    });
  });

  describe('when an entry is unsafe', () => {
    const cases: Record<string, RawZipEntry> = {
      'a parent path': { name: '../evil.json', data: 'x' },
      'an absolute path': { name: '/tmp/evil.json', data: 'x' },
      'a drive letter': { name: 'C:/evil.json', data: 'x' },
      backslashes: { name: 'Demo\\..\\..\\evil.json', data: 'x' },
      'a symlink': { name: 'Demo/link', data: '/etc/passwd', externalAttributes: (0o120777 << 16) >>> 0 },
      'an encrypted entry': { name: 'Demo/secret.json', data: 'x', flags: 0x801 },
    };
    for (const [label, hostile] of Object.entries(cases)) {
      it(`refuses ${label} as UNSAFE_ARCHIVE without naming any local path`, async () => {
        const error = await expectAppError(validate([...doccEntries('Demo/'), hostile]), 'UNSAFE_ARCHIVE');
        expect(error.message).not.to.contain(dir);
      });
    }

    it('refuses strong encryption as UNSAFE_ARCHIVE', async () => {
      await expectAppError(validate([{ name: 'a.json', data: 'x', flags: 0x841 }]), 'UNSAFE_ARCHIVE');
    });
  });

  describe('when a path is deeper or a name longer than the caps', () => {
    it('refuses both as UNSAFE_ARCHIVE', async () => {
      const deep = Array.from({ length: 33 }, (_, index) => `d${index}`).join('/');
      await expectAppError(validate([{ name: deep, data: 'x' }]), 'UNSAFE_ARCHIVE');
      await expectAppError(validate([{ name: `Demo/${'n'.repeat(256)}.json`, data: 'x' }]), 'UNSAFE_ARCHIVE');
    });
  });

  describe('when names repeat', () => {
    it('refuses a duplicate file', async () => {
      await expectAppError(
        validate([
          { name: 'a/b.json', data: '1' },
          { name: 'a/b.json', data: '2' },
        ]),
        'UNSAFE_ARCHIVE',
      );
    });

    it('refuses a file that is also used as a directory', async () => {
      await expectAppError(
        validate([
          { name: 'a/b', data: '1' },
          { name: 'a/b/c.json', data: '2' },
        ]),
        'UNSAFE_ARCHIVE',
      );
      await expectAppError(
        validate([
          { name: 'a/b/c.json', data: '2' },
          { name: 'a/b', data: '1' },
        ]),
        'UNSAFE_ARCHIVE',
      );
    });
  });

  describe('when there are more entries than allowed', () => {
    it('refuses 20,001 entries by default as TOO_MANY_ENTRIES', async () => {
      const entries = Array.from({ length: 20_001 }, (_, index) => ({ name: `d/${index}.json`, method: 0 }));
      await expectAppError(validate(entries), 'TOO_MANY_ENTRIES');
    });

    it('counts directories too', async () => {
      await expectAppError(
        validate([{ name: 'a/' }, { name: 'b/' }, { name: 'c/' }], { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 2 }),
        'TOO_MANY_ENTRIES',
      );
    });
  });

  describe('when the declared sizes exceed the cap', () => {
    it('refuses the archive as ARCHIVE_TOO_LARGE before inflating anything', async () => {
      const limits = { ...DEFAULT_ARCHIVE_LIMITS, ratioFloorBytes: 0 };
      const zeros = Buffer.alloc(2 * 1024 * 1024);
      const refused = await expectAppError(validate([{ name: 'bomb.json', data: zeros }], limits), 'ARCHIVE_TOO_LARGE');
      expect(refused.message).to.match(/^The zip inflates to more than .*: 50 × the .* upload \(MAX_COMPRESSION_RATIO\)\.$/);
    });

    it('names MAX_DECOMPRESSED_SIZE_MB when the absolute cap is the one passed', async () => {
      const limits = { ...DEFAULT_ARCHIVE_LIMITS, ratioFloorBytes: 0, maxCompressionRatio: 1000, maxUncompressedBytes: 1024 * 1024 };
      const refused = await expectAppError(
        validate([{ name: 'big.json', data: Buffer.alloc(2 * 1024 * 1024) }], limits),
        'ARCHIVE_TOO_LARGE',
      );
      expect(refused.message).to.equal('The zip inflates to more than 1.0 MiB (MAX_DECOMPRESSED_SIZE_MB).');
    });
  });

  describe('when the upload itself is over the limit', () => {
    it('refuses it as PAYLOAD_TOO_LARGE', async () => {
      await expectAppError(validate(doccEntries('Demo/'), { ...DEFAULT_ARCHIVE_LIMITS, maxUploadBytes: 50 }), 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('when the zip is corrupt', () => {
    it('refuses a truncated zip as CORRUPT_ARCHIVE', async () => {
      const whole = buildZip(doccEntries('Demo/'));
      const file = path.join(dir, 'truncated.zip');
      await writeFile(file, whole.subarray(0, whole.length - 30));
      await expectAppError(validateZip(file, DEFAULT_ARCHIVE_LIMITS), 'CORRUPT_ARCHIVE');
    });

    it('refuses a central directory pointing past the end as CORRUPT_ARCHIVE', async () => {
      const whole = buildZip(doccEntries('Demo/'));
      whole.writeUInt32LE(0x7fffffff, whole.length - 6);
      const file = path.join(dir, 'bad-offset.zip');
      await writeFile(file, whole);
      await expectAppError(validateZip(file, DEFAULT_ARCHIVE_LIMITS), 'CORRUPT_ARCHIVE');
    });
  });
});
