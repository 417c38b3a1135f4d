// The default archive limits against every real archive we have: none may be refused as a bomb.
import { expect } from 'chai';
import fs from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validateZip } from '../../../converter/archive/validate.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { CORPUS } from '../../support/paths.ts';
import { zipTree } from '../../support/zip.ts';
import { tempDir } from './zip-builder.ts';

const ARCHIVES = fs.readdirSync(CORPUS).filter((name) => fs.existsSync(path.join(CORPUS, name, 'data')));

describe('the default archive limits', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await tempDir('corpus-ratio');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('cover a corpus of several archives', () => {
    expect(ARCHIVES.length).to.be.at.least(5);
  });

  for (const name of ARCHIVES) {
    describe(`when the ${name} corpus archive is uploaded`, () => {
      it('passes the compression ratio and size caps', async () => {
        const zipPath = path.join(dir, `${name}.zip`);
        await writeFile(zipPath, await zipTree(path.join(CORPUS, name), `${name}.doccarchive/`));
        const summary = await validateZip(zipPath, DEFAULT_ARCHIVE_LIMITS);
        expect(summary.declaredBytes).to.be.at.most(summary.capBytes);
      });
    });
  }
});
