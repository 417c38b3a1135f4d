import { expect } from 'chai';
import type { Profile } from '../../../common/contract/conversion-job.ts';
import { inspectZip } from '../../../converter/archive/inspect.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { expectAppError } from '../../support/app-error.ts';
import { makeTempDir } from '../../support/tmp.ts';
import { writeZip } from './zip-builder.ts';

const file = (name: string) => ({ name, data: '{}' });

describe('inspectZip (validate + locate the DocC archive, nothing inflated)', () => {
  const tmp = makeTempDir('inspect');
  after(() => tmp.remove());
  const dir = tmp.path;
  let zips = 0;

  const inspect = async (names: string[], profile: Profile = 'rich') =>
    inspectZip(await writeZip(dir, names.map(file), `upload-${(zips += 1)}.zip`), DEFAULT_ARCHIVE_LIMITS, profile);

  describe('when the zip root is the archive itself', () => {
    for (const marker of ['metadata.json', 'index/index.json', 'Info.plist']) {
      it(`locates the root when it holds ${marker}`, async () => {
        expect(await inspect([marker, 'data/documentation/demo.json'])).to.include({ root: '', name: '' });
      });
    }
  });

  describe('when one .doccarchive folder sits at the top, next to macOS junk and a loose file', () => {
    it('locates that folder and reports what the central directory declares', async () => {
      const inspected = await inspect(['Demo.doccarchive/data/documentation/demo.json', '__MACOSX/Other.doccarchive/._x', 'README.md']);
      expect(inspected).to.include({ root: 'Demo.doccarchive', name: 'Demo.doccarchive' });
      expect(inspected.summary).to.include({ files: 2, skipped: 1 });
    });
  });

  describe('when a folder without the extension holds metadata.json', () => {
    it('locates that folder', async () => {
      expect(await inspect(['site/metadata.json'])).to.include({ root: 'site', name: 'site' });
    });
  });

  describe('when the archive is inside a single wrapper folder', () => {
    it('locates the nested .docc folder', async () => {
      expect(await inspect(['wrapper/Demo.docc/Demo.md'])).to.include({ root: 'wrapper/Demo.docc', name: 'Demo.docc' });
    });
  });

  describe('when the archive holds only data/ (render JSON, no metadata.json or Info.plist)', () => {
    it('locates it for rich, at the root or in a folder', async () => {
      expect(await inspect(['data/documentation/demo.json'])).to.include({ root: '', name: '' });
      expect(await inspect(['site/data/documentation/demo.json'])).to.include({ root: 'site', name: 'site' });
    });

    it('refuses it for swift-compat, whose detection needs a marker the Swift CLI knows', async () => {
      const error = await expectAppError(inspect(['data/documentation/demo.json'], 'swift-compat'), 'NOT_DOCC_ARCHIVE');
      expect(error.message).to.not.contain('data/');
    });
  });

  describe('when there is more than one archive', () => {
    it('refuses as NOT_DOCC_ARCHIVE naming both', async () => {
      const error = await expectAppError(inspect(['A.doccarchive/metadata.json', 'B.doccarchive/metadata.json']), 'NOT_DOCC_ARCHIVE');
      expect(error.message).to.contain('A.doccarchive').and.contain('B.doccarchive').and.not.contain(dir);
    });
  });

  describe('when nothing looks like DocC', () => {
    it('refuses an ordinary folder as NOT_DOCC_ARCHIVE', async () => {
      await expectAppError(inspect(['docs/readme.md', 'test.txt']), 'NOT_DOCC_ARCHIVE');
    });

    it('refuses a zip holding only macOS junk as NOT_DOCC_ARCHIVE', async () => {
      await expectAppError(inspect(['__MACOSX/Demo.doccarchive/metadata.json']), 'NOT_DOCC_ARCHIVE');
    });

    it('does not search deeper than one wrapper folder', async () => {
      await expectAppError(inspect(['a/b/C.doccarchive/metadata.json']), 'NOT_DOCC_ARCHIVE');
    });
  });

  describe('when the zip breaks a safety rule', () => {
    it('refuses it before locating anything', async () => {
      await expectAppError(inspect(['Demo.doccarchive/metadata.json', '../escape.json']), 'UNSAFE_ARCHIVE');
    });
  });
});
