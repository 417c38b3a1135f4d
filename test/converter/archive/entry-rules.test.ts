import { expect } from 'chai';
import { classifyEntry, isJunk } from '../../../converter/archive/entry-rules.ts';
import type { RawEntry } from '../../../converter/archive/entry-rules.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { expectAppError } from '../../support/app-error.ts';

function entry(name: string, overrides: Partial<RawEntry> = {}): RawEntry {
  return { name, generalPurposeBitFlag: 0x800, externalFileAttributes: (0o100644 << 16) >>> 0, compressionMethod: 8, ...overrides };
}

describe('classifyEntry', () => {
  describe('when names are ordinary DocC names', () => {
    const names = [
      'Demo.doccarchive/data/documentation/demo/!=(_:_:).json',
      'Demo.doccarchive/data/documentation/demo/__(_:_:).json',
      'Demo.doccarchive/with space/Ünïcödé 名前.json',
      'Demo.doccarchive/data/a:b (c).json',
      'Demo.doccarchive/data/~=(_:_:).json',
    ];
    for (const name of names) {
      it(`accepts ${name}`, () => {
        expect(classifyEntry(entry(name), DEFAULT_ARCHIVE_LIMITS)).to.deep.equal({ kind: 'file', segments: name.split('/') });
      });
    }

    it('recognises a directory by its trailing slash', () => {
      expect(classifyEntry(entry('a/b/'), DEFAULT_ARCHIVE_LIMITS)).to.deep.equal({ kind: 'directory', segments: ['a', 'b'] });
    });
  });

  describe('when a name tries to leave the archive', () => {
    const names = [
      '../evil.json',
      'a/../../evil.json',
      '/etc/passwd',
      'C:/Windows/evil.dll',
      'c:evil',
      'a\\..\\evil',
      'a//b',
      './a',
      'a/./b',
      'nul\0byte',
    ];
    for (const name of names) {
      it(`refuses ${JSON.stringify(name)} as UNSAFE_ARCHIVE`, async () => {
        await expectAppError(() => classifyEntry(entry(name), DEFAULT_ARCHIVE_LIMITS), 'UNSAFE_ARCHIVE');
      });
    }
  });

  describe('when an entry is a symbolic link', () => {
    it('refuses it as UNSAFE_ARCHIVE', async () => {
      const link = entry('Demo/link', { externalFileAttributes: (0o120777 << 16) >>> 0 });
      await expectAppError(() => classifyEntry(link, DEFAULT_ARCHIVE_LIMITS), 'UNSAFE_ARCHIVE');
    });
  });

  describe('when an entry is encrypted', () => {
    for (const flag of [0x1, 0x41]) {
      it(`refuses flag 0x${flag.toString(16)} as UNSAFE_ARCHIVE`, async () => {
        await expectAppError(
          () => classifyEntry(entry('a.json', { generalPurposeBitFlag: flag }), DEFAULT_ARCHIVE_LIMITS),
          'UNSAFE_ARCHIVE',
        );
      });
    }
  });

  describe('when a path is too deep or a name too long', () => {
    it('refuses the depth over the cap', async () => {
      const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxPathDepth: 3 };
      expect(classifyEntry(entry('a/b/c'), limits).kind).to.equal('file');
      await expectAppError(() => classifyEntry(entry('a/b/c/d'), limits), 'UNSAFE_ARCHIVE');
    });

    it('refuses a segment over the byte cap, counting UTF-8 bytes', async () => {
      const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxNameLength: 10 };
      expect(classifyEntry(entry('a/0123456789'), limits).kind).to.equal('file');
      await expectAppError(() => classifyEntry(entry('a/ééééé1'), limits), 'UNSAFE_ARCHIVE');
    });
  });

  describe('when the compression method is not stored or deflate', () => {
    it('refuses it as CORRUPT_ARCHIVE', async () => {
      await expectAppError(() => classifyEntry(entry('a.json', { compressionMethod: 14 }), DEFAULT_ARCHIVE_LIMITS), 'CORRUPT_ARCHIVE');
    });
  });

  describe('when an entry is macOS junk', () => {
    for (const name of ['__MACOSX/', '__MACOSX/Demo/._index.html', 'Demo/._metadata.json', 'Demo/.DS_Store', '.DS_Store']) {
      it(`skips ${name}`, () => {
        expect(classifyEntry(entry(name), DEFAULT_ARCHIVE_LIMITS)).to.deep.equal({ kind: 'junk' });
      });
    }

    it('still refuses a hostile path hidden under __MACOSX', async () => {
      await expectAppError(() => classifyEntry(entry('__MACOSX/../../evil'), DEFAULT_ARCHIVE_LIMITS), 'UNSAFE_ARCHIVE');
    });
  });
});

describe('isJunk', () => {
  it('keeps names that merely contain dots', () => {
    expect(isJunk(['Demo.doccarchive', 'a.b._c.json'])).to.equal(false);
  });
});
