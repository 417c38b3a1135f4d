import { expect } from 'chai';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { locateDoccArchive } from '../../../converter/archive/locate.ts';
import { expectAppError } from '../../support/app-error.ts';
import { tempDir } from './zip-builder.ts';

async function touch(root: string, relative: string): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '{}');
}

describe('locateDoccArchive', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir('locate');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('when the extraction root is the archive itself', () => {
    for (const marker of ['metadata.json', 'index/index.json', 'Info.plist']) {
      it(`returns the root when it holds ${marker}`, async () => {
        await touch(root, marker);
        expect(await locateDoccArchive(root)).to.equal(root);
      });
    }
  });

  describe('when one .doccarchive folder sits at the top, next to macOS junk', () => {
    it('returns that folder', async () => {
      await touch(root, 'Demo.doccarchive/data/documentation/demo.json');
      await touch(root, '__MACOSX/Other.doccarchive/._x');
      await touch(root, 'README.md');
      expect(await locateDoccArchive(root)).to.equal(path.join(root, 'Demo.doccarchive'));
    });
  });

  describe('when a folder without the extension holds metadata.json', () => {
    it('returns that folder', async () => {
      await touch(root, 'site/metadata.json');
      expect(await locateDoccArchive(root)).to.equal(path.join(root, 'site'));
    });
  });

  describe('when the archive is inside a single wrapper folder', () => {
    it('returns the nested .docc folder', async () => {
      await touch(root, 'wrapper/Demo.docc/Demo.md');
      expect(await locateDoccArchive(root)).to.equal(path.join(root, 'wrapper', 'Demo.docc'));
    });
  });

  describe('when there is more than one archive', () => {
    it('refuses as NOT_DOCC_ARCHIVE naming both, without local paths', async () => {
      await touch(root, 'A.doccarchive/metadata.json');
      await touch(root, 'B.doccarchive/metadata.json');
      const error = await expectAppError(locateDoccArchive(root), 'NOT_DOCC_ARCHIVE');
      expect(error.message).to.contain('A.doccarchive').and.contain('B.doccarchive').and.not.contain(root);
    });
  });

  describe('when nothing looks like DocC', () => {
    it('refuses an ordinary folder as NOT_DOCC_ARCHIVE', async () => {
      await touch(root, 'docs/readme.md');
      await touch(root, 'test.txt');
      await expectAppError(locateDoccArchive(root), 'NOT_DOCC_ARCHIVE');
    });

    it('refuses an empty root as NOT_DOCC_ARCHIVE', async () => {
      await expectAppError(locateDoccArchive(root), 'NOT_DOCC_ARCHIVE');
    });

    it('does not search deeper than one wrapper folder', async () => {
      await touch(root, 'a/b/C.doccarchive/metadata.json');
      await expectAppError(locateDoccArchive(root), 'NOT_DOCC_ARCHIVE');
    });
  });
});
