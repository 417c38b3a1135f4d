import { expect } from 'chai';
import fs from 'node:fs';
import yauzl from 'yauzl';
import { EngineError } from '../../../../converter/engine/api.ts';
import { DirectorySink } from '../../../../converter/engine/io/directory-sink.ts';
import { ZipSink } from '../../../../converter/engine/io/zip-sink.ts';
import { listTree, makeTempDir } from '../../../support/tmp.ts';

async function zipEntries(zipPath: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    if (!entry.fileName.endsWith('/')) for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks).toString());
  }
  zip.close();
  return entries;
}

describe('DirectorySink', () => {
  const tmp = makeTempDir('dir-sink');
  after(() => tmp.remove());

  describe('when committed', () => {
    it('publishes the tree, keeps empty directories and counts the last write of each path', async () => {
      const out = tmp.join('nested', 'out');
      const sink = DirectorySink.open(out, false);
      await sink.makeDirectory('markdown/tutorials');
      await sink.writeFile('markdown/a.md', 'first');
      await sink.writeFile('markdown/a.md', 'second!');
      await sink.writeFile('linkgraph/adjacency.json', '{}');
      expect(fs.existsSync(out)).to.equal(false);
      expect(await sink.commit()).to.deep.equal({ files: 2, bytes: 9 });
      expect(listTree(out)).to.deep.equal(['linkgraph/adjacency.json', 'markdown/a.md', 'markdown/tutorials/']);
      expect(fs.readFileSync(`${out}/markdown/a.md`, 'utf8')).to.equal('second!');
      expect(fs.readdirSync(tmp.join('nested'))).to.deep.equal(['out']);
    });
  });

  describe('when aborted', () => {
    it('leaves nothing behind, not even the parents it created', async () => {
      const sink = DirectorySink.open(tmp.join('fresh', 'deeper', 'out'), false);
      await sink.writeFile('markdown/a.md', 'x');
      await sink.abort();
      expect(fs.existsSync(tmp.join('fresh'))).to.equal(false);
    });
  });

  describe('when the output exists', () => {
    it('refuses without force, with the Swift message', () => {
      const out = tmp.join('exists');
      fs.mkdirSync(out);
      expect(() => DirectorySink.open(out, false)).to.throw(
        EngineError,
        `Output directory already exists at ${out}. Pass --force to overwrite it.`,
      );
    });

    it('replaces it with force only at commit, and keeps it when aborted', async () => {
      const out = tmp.join('replace');
      fs.mkdirSync(out);
      fs.writeFileSync(`${out}/old.md`, 'old');
      const aborted = DirectorySink.open(out, true);
      await aborted.writeFile('new.md', 'new');
      await aborted.abort();
      expect(listTree(out)).to.deep.equal(['old.md']);
      const sink = DirectorySink.open(out, true);
      await sink.writeFile('new.md', 'new');
      await sink.commit();
      expect(listTree(out)).to.deep.equal(['new.md']);
      expect(fs.readdirSync(tmp.path).filter((name) => name.startsWith('.'))).to.deep.equal([]);
    });
  });
});

describe('ZipSink', () => {
  const tmp = makeTempDir('zip-sink');
  after(() => tmp.remove());

  describe('when committed', () => {
    it('streams the tree in write order, each directory before its first file', async () => {
      const out = tmp.join('out.zip');
      const sink = ZipSink.open(out, false);
      await sink.makeDirectory('markdown/tutorials');
      await sink.writeFile('markdown/b.md', 'B');
      await sink.writeFile('linkgraph/adjacency.json', '{}');
      expect(await sink.commit()).to.deep.equal({ files: 2, bytes: 3 });
      const entries = await zipEntries(out);
      expect([...entries.keys()]).to.deep.equal([
        'markdown/',
        'markdown/tutorials/',
        'markdown/b.md',
        'linkgraph/',
        'linkgraph/adjacency.json',
      ]);
      expect(entries.get('markdown/b.md')).to.equal('B');
      expect(fs.readdirSync(tmp.path)).to.deep.equal(['out.zip']);
    });

    it('keeps only the last version of a path written twice, at its first position', async () => {
      const out = tmp.join('twice.zip');
      const sink = ZipSink.open(out, false);
      await sink.writeFile('markdown/b.md', 'first');
      await sink.writeFile('markdown/c.md', 'C');
      await sink.writeFile('markdown/b.md', 'second');
      expect(await sink.commit()).to.deep.equal({ files: 2, bytes: 7 });
      const entries = await zipEntries(out);
      expect([...entries.entries()]).to.deep.equal([
        ['markdown/', ''],
        ['markdown/b.md', 'second'],
        ['markdown/c.md', 'C'],
      ]);
      expect(fs.readdirSync(tmp.path).filter((name) => name.startsWith('.'))).to.deep.equal([]);
    });

    it('holds many pages without waiting for the disk, and writes them all', async () => {
      const out = tmp.join('many.zip');
      const sink = ZipSink.open(out, false);
      for (let index = 0; index < 200; index += 1) await sink.writeFile(`markdown/p${index}.md`, `page ${index}`);
      expect((await sink.commit()).files).to.equal(200);
      const entries = await zipEntries(out);
      expect(entries.get('markdown/p199.md')).to.equal('page 199');
      expect(entries.size).to.equal(201);
    });

    it('gives identical bytes for identical writes', async () => {
      const paths = [tmp.join('one.zip'), tmp.join('two.zip')];
      for (const out of paths) {
        const sink = ZipSink.open(out, false);
        await sink.writeFile('markdown/a.md', 'same');
        await sink.commit();
      }
      expect(fs.readFileSync(paths[0]!).equals(fs.readFileSync(paths[1]!))).to.equal(true);
    });
  });

  describe('when aborted', () => {
    it('leaves no zip and no staging files', async () => {
      const dir = tmp.join('abort');
      fs.mkdirSync(dir);
      const sink = ZipSink.open(`${dir}/out.zip`, false);
      await sink.writeFile('markdown/a.md', 'x');
      await sink.abort();
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });
  });
});
