// The rich profile through the engine's public entry point: directory and zip inputs, directory
// and zip outputs, the summary line, and the default profile.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { convertPath, DEFAULT_PROFILE, EngineError, availableProfiles } from '../../../../converter/engine/index.ts';
import { CORPUS, DOCC_FIXTURES, SERVICE_FIXTURES } from '../../../support/paths.ts';
import { engineOptions } from '../../../support/engine.ts';
import { listTree, makeTempDir } from '../../../support/tmp.ts';

const tmp = makeTempDir('rich-entry');
after(() => tmp.remove());

const rich = (overrides = {}) => engineOptions({ profile: 'rich', ...overrides });

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('engine with the rich profile', () => {
  describe('when listing profiles', () => {
    it('offers rich next to swift-compat', () => {
      expect(availableProfiles()).to.have.members(['rich', 'swift-compat']);
      expect(availableProfiles()).to.include(DEFAULT_PROFILE);
    });
  });

  describe('when converting a static-hosting folder to a directory', () => {
    it('writes pages, index files and link graph, and prints the summary line', async () => {
      const out = tmp.join('sloth');
      const summary = await convertPath({ inputPath: path.join(CORPUS, 'slothcreator'), outputPath: out, force: false, options: rich() });
      expect(summary.counts).to.deep.equal({ volumes: 1, chapters: 1, articles: 9, symbols: 1179, tutorials: 1 });
      expect(summary.summaryLine).to.equal(
        `Generated 1 tutorial volume(s), 1 chapter(s), 9 reference article(s), and 1179 symbol(s) into ${out}.`,
      );
      expect(summary.filesWritten).to.equal(1190 + 4);
      const tree = listTree(out);
      expect(tree).to.include.members([
        'index.md',
        'llms.txt',
        'llms-full.txt',
        'linkgraph/adjacency.json',
        'markdown/documentation/slothcreator/sloth/index.md',
      ]);
      expect(fs.readFileSync(path.join(out, 'markdown/tutorials/slothcreator/index.md'), 'utf8')).to.match(/^# Meet SlothCreator\n/);
    });
  });

  describe('when converting a zipped archive to a zip', () => {
    it('reads the zip in place and streams the same layout into the output zip', async () => {
      const out = tmp.join('spec.zip');
      const summary = await convertPath({
        inputPath: path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'),
        outputPath: out,
        force: false,
        options: rich({ frontMatter: true }),
      });
      const names = await zipEntries(out);
      expect(names).to.include.members(['index.md', 'llms.txt', 'llms-full.txt', 'linkgraph/adjacency.json']);
      const pages = names.filter((name) => name.startsWith('markdown/') && name.endsWith('.md'));
      expect(pages.length).to.be.greaterThan(0);
      expect(summary.filesWritten).to.equal(pages.length + 4);
    });
  });

  describe('when the input has no render JSON', () => {
    it('fails with a clear message and leaves nothing behind', async () => {
      const source = tmp.join('Empty.docc');
      fs.mkdirSync(source);
      const out = tmp.join('empty-out');
      let failure: unknown;
      try {
        await convertPath({ inputPath: source, outputPath: out, force: false, options: rich() });
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(EngineError);
      expect((failure as Error).message).to.equal(
        `No render JSON found at ${source}/data. The rich profile converts a built .doccarchive or static-hosting output (a folder with data/).`,
      );
      expect(fs.existsSync(out)).to.equal(false);
    });
  });

  describe('when converting a Swift CLI fixture with swift-compat chosen explicitly', () => {
    it('keeps the Swift layout', async () => {
      const out = tmp.join('tc');
      await convertPath({
        inputPath: path.join(DOCC_FIXTURES, 'TutorialCatalog.doccarchive'),
        outputPath: out,
        force: false,
        options: engineOptions(),
      });
      expect(listTree(out)).to.not.include('llms.txt');
    });
  });
});
