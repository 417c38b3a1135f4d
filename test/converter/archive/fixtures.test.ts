import { expect } from 'chai';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { unpackArchive } from '../../../converter/archive/unpack.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import type { ErrorCode } from '../../../common/contract/errors.ts';
import { expectAppError } from '../../support/app-error.ts';
import { SERVICE_FIXTURES } from '../../support/paths.ts';
import { tempDir, writeZip } from './zip-builder.ts';

describe('unpackArchive on the shared fixtures', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('fixtures');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('when the upload is the real SpecificationCore archive', () => {
    it('extracts every file, skips the __MACOSX junk and locates the archive', async () => {
      const dest = path.join(dir, 'input');
      const result = await unpackArchive(
        path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'),
        dest,
        DEFAULT_ARCHIVE_LIMITS,
        'rich',
      );
      expect(result.archiveDir).to.equal(path.join(dest, 'SpecificationCore.doccarchive'));
      expect(result.files).to.be.greaterThan(1000);
      expect(result.bytes).to.be.greaterThan(8_000_000);
      const metadata = JSON.parse(await readFile(path.join(result.archiveDir, 'metadata.json'), 'utf8'));
      expect(metadata.bundleDisplayName).to.equal('SpecificationCore');
      const junk = await stat(path.join(dest, '__MACOSX')).then(
        () => true,
        () => false,
      );
      expect(junk).to.equal(false);
    });
  });

  describe('when the upload is an empty zip (end-of-central-directory record only)', () => {
    it('refuses it as NOT_DOCC_ARCHIVE', async () => {
      const file = await writeZip(dir, []);
      await expectAppError(unpackArchive(file, path.join(dir, 'input'), DEFAULT_ARCHIVE_LIMITS, 'rich'), 'NOT_DOCC_ARCHIVE');
    });
  });

  describe('when the upload is one of the negative fixtures', () => {
    const expected: Record<string, ErrorCode> = {
      'invalid.txt': 'UNSUPPORTED_MEDIA_TYPE',
      'test.zip': 'CORRUPT_ARCHIVE',
      'test_file.zip': 'UNSUPPORTED_MEDIA_TYPE',
      'test_output.zip': 'NOT_DOCC_ARCHIVE',
      'valid.zip': 'NOT_DOCC_ARCHIVE',
    };
    for (const [file, code] of Object.entries(expected)) {
      it(`refuses ${file} as ${code}`, async () => {
        await expectAppError(
          unpackArchive(path.join(SERVICE_FIXTURES, 'negative', file), path.join(dir, 'input'), DEFAULT_ARCHIVE_LIMITS, 'rich'),
          code,
        );
      });
    }
  });
});
