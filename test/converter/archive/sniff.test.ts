import { expect } from 'chai';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sniffZipMagic } from '../../../converter/archive/sniff.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { validateZip } from '../../../converter/archive/validate.ts';
import { expectAppError } from '../../support/app-error.ts';
import { tempDir } from './zip-builder.ts';

describe('sniffZipMagic', () => {
  describe('when the bytes start with a local file header', () => {
    it('says zip', () => {
      expect(sniffZipMagic(Buffer.from('PK\x03\x04rest', 'latin1'))).to.equal('zip');
    });
  });

  describe('when the bytes are an end-of-central-directory record', () => {
    it('says empty-zip', () => {
      expect(sniffZipMagic(Buffer.from('PK\x05\x06', 'latin1'))).to.equal('empty-zip');
    });
  });

  describe('when the bytes are anything else', () => {
    for (const [label, text] of [
      ['text', 'not a zip\n'],
      ['a bare PK', 'PK'],
      ['a spanned marker', 'PK\x07\x08'],
    ]) {
      it(`refuses ${label} as UNSUPPORTED_MEDIA_TYPE`, async () => {
        await expectAppError(() => sniffZipMagic(Buffer.from(text, 'latin1')), 'UNSUPPORTED_MEDIA_TYPE');
      });
    }
  });

  describe('when there are no bytes', () => {
    it('refuses the empty upload as BAD_REQUEST', async () => {
      await expectAppError(() => sniffZipMagic(Buffer.alloc(0)), 'BAD_REQUEST');
    });
  });
});

describe('validateZip sniffing the upload', () => {
  describe('when the file is named .zip but holds text', () => {
    it('judges by content, not by name', async () => {
      const dir = await tempDir('sniff');
      try {
        const file = path.join(dir, 'looks-fine.zip');
        await writeFile(file, 'hello');
        await expectAppError(validateZip(file, DEFAULT_ARCHIVE_LIMITS), 'UNSUPPORTED_MEDIA_TYPE');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
