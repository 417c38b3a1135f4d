// Beyond the Swift CLI: zip input read in place, zip output, and byte-for-byte determinism.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { convertPath } from '../../../converter/engine/index.ts';
import { runCli } from '../../support/cli.ts';
import { FIXTURE, convert, engineOptions } from '../../support/engine.ts';
import { listTree, makeTempDir } from '../../support/tmp.ts';
import { renameEntriesRaw, zipBuffer, zipDirectory } from '../../support/zip.ts';

/** Relative path → bytes for every file under `root` (directories as empty strings). */
function snapshotTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of listTree(root)) files.set(entry, entry.endsWith('/') ? '' : fs.readFileSync(path.join(root, entry), 'latin1'));
  return files;
}

async function readZip(zipPath: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    if (!entry.fileName.endsWith('/')) for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks).toString('latin1'));
  }
  zip.close();
  return entries;
}

describe('engine beyond the Swift CLI', () => {
  const tmp = makeTempDir('zip-io');
  after(() => tmp.remove());
  const reference = tmp.join('reference');
  before(async () => {
    await convert(FIXTURE.docc2contextCore, reference);
  });

  describe('when the input is a zip of the archive', () => {
    for (const [label, prefix] of [
      ['at the zip root', ''],
      ['one folder down', 'Docc2contextCore.doccarchive/'],
    ]) {
      it(`gives the same bytes as the directory, archive ${label}`, async () => {
        const zipPath = tmp.join(`input-${prefix === '' ? 'root' : 'nested'}.zip`);
        await zipDirectory(zipPath, FIXTURE.docc2contextCore, prefix);
        const out = tmp.join(`from-zip-${prefix === '' ? 'root' : 'nested'}`);
        const { summary } = await convert(zipPath, out);
        expect(summary.counts).to.deep.equal({ volumes: 0, chapters: 0, articles: 44, symbols: 440, tutorials: 0 });
        expect(snapshotTree(out)).to.deep.equal(snapshotTree(reference));
      });
    }

    it('reads legacy bundles with Info.plist and tutorials from a zip too', async () => {
      const zipPath = tmp.join('tutorials.zip');
      await zipDirectory(zipPath, FIXTURE.tutorialCatalog, 'TutorialCatalog.doccarchive/');
      await convert(zipPath, tmp.join('tc-zip'), { tutorialLayout: 'single' });
      await convert(FIXTURE.tutorialCatalog, tmp.join('tc-dir'), { tutorialLayout: 'single' });
      expect(snapshotTree(tmp.join('tc-zip'))).to.deep.equal(snapshotTree(tmp.join('tc-dir')));
    });
  });

  describe('when the output path ends in .zip', () => {
    it('writes a zip holding exactly the directory tree, as the runner asks for', async () => {
      const zipPath = tmp.join('result.zip');
      const summary = await convertPath({
        inputPath: FIXTURE.docc2contextCore,
        outputPath: zipPath,
        force: true,
        options: engineOptions(),
      });
      expect(summary.filesWritten).to.equal(486);
      const entries = await readZip(zipPath);
      const files = [...entries.keys()].filter((name) => !name.endsWith('/'));
      const expected = snapshotTree(reference);
      expect(files.sort()).to.deep.equal([...expected.keys()].filter((name) => !name.endsWith('/')).sort());
      for (const file of files) expect(entries.get(file), file).to.equal(expected.get(file));
      expect(entries.has('markdown/tutorials/')).to.equal(true);
    });
  });

  describe('when the zip input is unusable', () => {
    it('rejects a file that is not a zip', async () => {
      const zipPath = tmp.join('fake.zip');
      fs.writeFileSync(zipPath, 'definitely not a zip');
      const run = await runCli(zipPath, '--output', tmp.join('never-1'));
      expect(run).to.deep.equal({ code: 64, stdout: `Input zip is corrupt or not a zip file: ${zipPath}\n`, stderr: '' });
    });

    it('rejects a zip that holds no DocC archive', async () => {
      const zipPath = tmp.join('other.zip');
      fs.writeFileSync(zipPath, await zipBuffer({ 'README.md': 'hello', 'src/a.swift': 'let a = 1' }));
      const run = await runCli(zipPath, '--output', tmp.join('never-2'));
      expect(run).to.deep.equal({ code: 64, stdout: `Input is not a valid DocC bundle or archive: ${zipPath}\n`, stderr: '' });
    });

    it('rejects a zip with ".." entries and writes nothing anywhere', async () => {
      const work = tmp.join('slip');
      fs.mkdirSync(work);
      const zipPath = path.join(work, 'evil.zip');
      const zip = await zipBuffer({ 'metadata.json': '{"bundleID":"x","bundleDisplayName":"x"}', 'zz/evil.json': '{}' });
      fs.writeFileSync(zipPath, renameEntriesRaw(zip, 'zz/evil', '../evil'));
      const out = path.join(work, 'out', 'nested');
      const run = await runCli(zipPath, '--output', out);
      expect(run.code).to.equal(64);
      expect(run.stdout).to.match(/^Input zip contains an unsafe entry \(.*\.\.\/evil.*\): .*evil\.zip\n$/);
      expect(fs.readdirSync(work)).to.deep.equal(['evil.zip']);
      expect(fs.existsSync(path.join(tmp.path, 'evil.json'))).to.equal(false);
    });
  });

  describe('when the same input is converted twice', () => {
    it('writes identical directory trees', async () => {
      const second = tmp.join('second');
      await convert(FIXTURE.docc2contextCore, second);
      expect(snapshotTree(second)).to.deep.equal(snapshotTree(reference));
    });

    it('writes byte-identical zips', async () => {
      const zips = [tmp.join('det-1.zip'), tmp.join('det-2.zip')];
      for (const zipPath of zips) await convert(FIXTURE.articleReference, zipPath);
      expect(fs.readFileSync(zips[0]!).equals(fs.readFileSync(zips[1]!))).to.equal(true);
    });
  });

  describe('when the conversion is aborted', () => {
    it('rejects and leaves no output', async () => {
      const controller = new AbortController();
      controller.abort();
      const out = tmp.join('aborted');
      const request = {
        inputPath: FIXTURE.docc2contextCore,
        outputPath: out,
        force: false,
        options: engineOptions(),
        signal: controller.signal,
      };
      let caught: unknown;
      await convertPath(request).catch((error: unknown) => (caught = error));
      expect((caught as Error).name).to.equal('AbortError');
      expect(fs.existsSync(out)).to.equal(false);
    });
  });
});
