// Every message of spec §1.5, reached through the CLI with archives damaged on the fly.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { VALID_PLIST_KEYS, copyFixture, plist, write } from '../../support/broken-archives.ts';
import { runCli } from '../../support/cli.ts';
import { FIXTURE } from '../../support/engine.ts';
import { listTree, makeTempDir } from '../../support/tmp.ts';

describe('docc2context CLI errors', () => {
  const tmp = makeTempDir('cli-errors');
  after(() => tmp.remove());
  let counter = 0;
  const fresh = (label: string): string => tmp.join(`${label}-${(counter += 1)}`);

  async function expectFailure(input: string, message: string, extra: string[] = []): Promise<string> {
    const out = fresh('out');
    const run = await runCli(input, '--output', out, ...extra);
    expect(run.stdout).to.equal(`${message}\n`);
    expect(run.code).to.equal(64);
    expect(fs.existsSync(out), 'no output is left behind').to.equal(false);
    return out;
  }

  describe('when detecting the input', () => {
    it('reports a path that does not exist, without a final period', async () => {
      const input = tmp.join('nope.doccarchive');
      await expectFailure(input, `Input path does not exist at ${input}`);
    });

    it('reports a broken symlink as missing', async () => {
      const link = tmp.join('dangling.doccarchive');
      fs.symlinkSync(tmp.join('nowhere'), link);
      await expectFailure(link, `Input path does not exist at ${link}`);
    });

    it('reports a directory that is not a bundle', async () => {
      const dir = fresh('plain-dir');
      fs.mkdirSync(dir);
      await expectFailure(dir, `Input is not a valid DocC bundle or archive: ${dir}`);
    });

    it('asks to extract a .doccarchive file', async () => {
      const file = tmp.join('Packed.DocCArchive');
      fs.writeFileSync(file, 'x');
      await expectFailure(file, `Input is a DocC archive file; extract it before converting: ${file}`);
    });

    it('rejects any other regular file', async () => {
      const file = tmp.join('notes.md');
      fs.writeFileSync(file, '# hi');
      await expectFailure(file, `Input path must be a directory containing a DocC bundle: ${file}`);
    });

    it('standardises the path shown in messages', async () => {
      const run = await runCli(`${tmp.path}/a/../nope`, '--output', fresh('out'));
      expect(run.stdout).to.equal(`Input path does not exist at ${tmp.join('nope')}\n`);
    });
  });

  describe('when the output overlaps the input', () => {
    for (const [label, relative] of [
      ['is inside the input', 'inside'],
      ['equals the input', '.'],
      ['contains the input', '..'],
    ]) {
      it(`refuses an output that ${label}, even with --force`, async () => {
        const input = copyFixture(fresh('overlap'), 'Bundle.doccarchive');
        const out = path.resolve(input, relative);
        const run = await runCli(input, '--output', out, '--force');
        expect(run.stdout).to.equal(
          `Output directory overlaps the input bundle at ${out}. Choose a different output path to avoid deleting the source when using --force.\n`,
        );
        expect(run.code).to.equal(64);
        expect(fs.existsSync(path.join(input, 'Info.plist'))).to.equal(true);
      });
    }
  });

  describe('when the output already exists', () => {
    it('refuses without --force and leaves it untouched', async () => {
      const out = fresh('existing');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'keep.txt'), 'keep');
      const run = await runCli(FIXTURE.articleReference, '--output', out);
      expect(run).to.deep.equal({
        code: 64,
        stdout: `Output directory already exists at ${out}. Pass --force to overwrite it.\n`,
        stderr: '',
      });
      expect(listTree(out)).to.deep.equal(['keep.txt']);
    });

    it('replaces a directory with --force', async () => {
      const out = fresh('existing-dir');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'old.txt'), 'old');
      const run = await runCli(FIXTURE.tutorialCatalog, '--output', out, '--force');
      expect(run.code).to.equal(0);
      expect(listTree(out)).to.have.length(3);
    });

    it('refuses to replace a plain file with a directory, even with --force', async () => {
      const out = fresh('existing-file');
      fs.writeFileSync(out, 'old');
      const run = await runCli(FIXTURE.tutorialCatalog, '--output', out, '--force');
      expect(run.code).to.equal(64);
      expect(run.stdout).to.equal(
        `Output path ${out} is a file, not a directory: --force replaces only a directory there. Remove the file or choose another --output.\n`,
      );
      expect(fs.readFileSync(out, 'utf8')).to.equal('old');
    });

    it('names a file when the zip output exists, and refuses to replace a directory with a zip', async () => {
      const zip = `${fresh('existing')}.zip`;
      fs.writeFileSync(zip, 'old');
      const run = await runCli(FIXTURE.tutorialCatalog, '--output', zip);
      expect(run).to.deep.equal({ code: 64, stdout: `Output file already exists at ${zip}. Pass --force to overwrite it.\n`, stderr: '' });
      const folder = `${fresh('folder')}.zip`;
      fs.mkdirSync(folder);
      const forced = await runCli(FIXTURE.tutorialCatalog, '--output', folder, '--force');
      expect(forced.code).to.equal(64);
      expect(forced.stdout).to.contain(`Output path ${folder} is a directory, not a zip file`);
      expect(fs.statSync(folder).isDirectory()).to.equal(true);
    });

    it('keeps the old output when the conversion fails, even with --force', async () => {
      const out = fresh('kept');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'keep.txt'), 'keep');
      const input = copyFixture(fresh('bad'), 'Bad.doccarchive');
      fs.rmSync(path.join(input, 'Info.plist'));
      const run = await runCli(input, '--output', out, '--force');
      expect(run.stdout).to.equal(`Info.plist not found at ${input}/Info.plist.\n`);
      expect(listTree(out)).to.deep.equal(['keep.txt']);
      expect(fs.readdirSync(path.dirname(out)).filter((name) => name.startsWith('.'))).to.deep.equal([]);
    });
  });

  describe('when the rich profile gets an option or technology it cannot use', () => {
    it('refuses --tutorial-layout with exit 64', async () => {
      const run = await runCli(FIXTURE.tutorialCatalog, '--output', fresh('tl'), '--profile', 'rich', '--tutorial-layout', 'single');
      expect(run).to.deep.equal({
        code: 64,
        stdout: 'The --tutorial-layout option applies to --profile swift-compat only; rich renders every tutorial one way.\n',
        stderr: '',
      });
    });

    it('refuses a technology that matches nothing, naming the ones the archive has', async () => {
      await expectFailure(FIXTURE.docc2contextCore, "No technology matched 'NoSuchModule'. The archive has: Docc2contextCore.", [
        '--profile',
        'rich',
        '--technology',
        'NoSuchModule',
      ]);
    });
  });

  describe('when the output cannot be created or written', () => {
    it('reports a parent that is a file', async () => {
      const parent = fresh('parent-file');
      fs.writeFileSync(parent, 'x');
      const out = path.join(parent, 'out');
      const run = await runCli(FIXTURE.tutorialCatalog, '--output', out);
      expect(run.stdout).to.match(new RegExp(`^Failed to create output directory at ${out}: .+\\n$`));
      expect(run.code).to.equal(64);
    });

    it('reports a page whose file name the file system refuses', async () => {
      const input = copyFixture(fresh('long-name'), 'Long.doccarchive');
      const name = 'x'.repeat(300);
      write(
        input,
        'data/documentation/articles/long.json',
        JSON.stringify({ identifier: `articlereference/${name}`, kind: 'article', title: 'Long' }),
      );
      const out = fresh('out');
      const run = await runCli(input, '--output', out);
      expect(run.stdout).to.match(
        new RegExp(`^Failed to write Markdown file at ${out}/markdown/articles/articlereference/${name}\\.md: .+\\n$`),
      );
      expect(run.code).to.equal(64);
      expect(fs.existsSync(out)).to.equal(false);
    });
  });

  describe('when Info.plist is wrong', () => {
    it('reports a missing Info.plist when there is no metadata.json fallback', async () => {
      const input = copyFixture(fresh('no-plist'), 'X.doccarchive');
      fs.rmSync(path.join(input, 'Info.plist'));
      await expectFailure(input, `Info.plist not found at ${input}/Info.plist.`);
    });

    it('reports a missing Info.plist when the metadata.json fallback does not decode', async () => {
      const input = copyFixture(fresh('bad-root-meta'), 'X.doccarchive', FIXTURE.docc2contextCore);
      write(input, 'metadata.json', '{"bundleID": 1}');
      await expectFailure(input, `Info.plist not found at ${input}/Info.plist.`);
    });

    for (const [label, content] of [
      ['not a plist', 'this is not xml'],
      ['not a dictionary', '<?xml version="1.0"?><plist version="1.0"><array><string>a</string></array></plist>'],
    ]) {
      it(`reports a plist that is ${label}`, async () => {
        const input = copyFixture(fresh('bad-plist'), 'X.doccarchive');
        write(input, 'Info.plist', content);
        await expectFailure(input, `Info.plist at ${input}/Info.plist is not a valid property list.`);
      });
    }

    const keyCases: [string, Record<string, string>, string][] = [
      ['Identifier missing', { ...VALID_PLIST_KEYS, Identifier: '' }, "Info.plist is missing required key 'Identifier'."],
      ['CFBundleName missing', { ...VALID_PLIST_KEYS, CFBundleName: '' }, "Info.plist is missing required key 'CFBundleName'."],
      ['TechnologyRoot missing', { ...VALID_PLIST_KEYS, TechnologyRoot: '' }, "Info.plist is missing required key 'TechnologyRoot'."],
      ['Languages missing', { ...VALID_PLIST_KEYS, Languages: '' }, "Info.plist is missing required key 'Languages'."],
      [
        'Identifier empty',
        { ...VALID_PLIST_KEYS, Identifier: '<string></string>' },
        "Info.plist key 'Identifier' does not match expected type non-empty String.",
      ],
      [
        'TechnologyRoot not a string',
        { ...VALID_PLIST_KEYS, TechnologyRoot: '<integer>3</integer>' },
        "Info.plist key 'TechnologyRoot' does not match expected type non-empty String.",
      ],
      [
        'Languages not strings',
        { ...VALID_PLIST_KEYS, Languages: '<array><integer>1</integer></array>' },
        "Info.plist key 'Languages' does not match expected type [String].",
      ],
      [
        'Languages with a blank entry',
        { ...VALID_PLIST_KEYS, Languages: '<array><string>en</string><string>  </string></array>' },
        "Info.plist key 'Languages' does not match expected type non-empty strings.",
      ],
      [
        'DocCVersion not a string',
        { ...VALID_PLIST_KEYS, DocCVersion: '<true/>' },
        "Info.plist key 'DocCVersion' does not match expected type String.",
      ],
      [
        'ProjectVersion blank',
        { ...VALID_PLIST_KEYS, ProjectVersion: '<string> </string>' },
        "Info.plist key 'ProjectVersion' does not match expected type non-empty String.",
      ],
    ];
    for (const [label, keys, message] of keyCases) {
      it(`reports ${label}`, async () => {
        const input = copyFixture(fresh('keys'), 'X.doccarchive');
        const entries = Object.fromEntries(Object.entries(keys).filter(([, value]) => value !== ''));
        write(input, 'Info.plist', plist(entries));
        await expectFailure(input, message);
      });
    }
  });

  describe('when the metadata, catalog or pages are wrong', () => {
    it('reports missing render metadata', async () => {
      const input = copyFixture(fresh('no-meta'), 'X.doccarchive');
      fs.rmSync(path.join(input, 'data/metadata/metadata.json'));
      await expectFailure(input, `Render metadata missing at ${input}/data/metadata/metadata.json.`);
    });

    it('reports render metadata that does not decode', async () => {
      const input = copyFixture(fresh('bad-meta'), 'X.doccarchive');
      write(input, 'data/metadata/metadata.json', '{"formatVersion": 1}');
      await expectFailure(input, `Render metadata at ${input}/data/metadata/metadata.json is not valid JSON.`);
    });

    it('reports a missing catalog', async () => {
      const input = copyFixture(fresh('no-catalog'), 'X.doccarchive');
      fs.rmSync(path.join(input, 'data/documentation/articlereference.json'));
      await expectFailure(input, `Documentation catalog missing at ${input}/data/documentation/articlereference.json.`);
    });

    it('reports a catalog that does not decode', async () => {
      const input = copyFixture(fresh('bad-catalog'), 'X.doccarchive');
      write(input, 'data/documentation/articlereference.json', '{"identifier": {"url": 3}}');
      await expectFailure(input, `Documentation catalog at ${input}/data/documentation/articlereference.json is not valid JSON.`);
    });

    it('reports a generatedAt that is not an ISO-8601 date without fractions, after the catalog check', async () => {
      const input = copyFixture(fresh('bad-date'), 'X.doccarchive');
      write(
        input,
        'data/metadata/metadata.json',
        JSON.stringify({ formatVersion: '1', generatedAt: '2025-11-14T00:00:00.5Z', generator: 'g', kind: 'k' }),
      );
      await expectFailure(input, `metadata.json at ${input}/data/metadata/metadata.json is not valid JSON.`);
    });

    it('reports a malformed symbol graph', async () => {
      const input = copyFixture(fresh('bad-graph'), 'X.doccarchive');
      write(
        input,
        'data/symbol-graphs/real.symbols.json',
        JSON.stringify({ module: { name: 'M' }, symbols: [{ identifier: { precise: 's:1' } }] }),
      );
      await expectFailure(input, `Symbol graph at ${input}/data/symbol-graphs/real.symbols.json is malformed.`);
    });

    it('reports an article page that does not decode', async () => {
      const input = copyFixture(fresh('bad-article'), 'X.doccarchive');
      write(input, 'data/documentation/articles/broken.json', '{"kind": "article", "identifier": 7}');
      await expectFailure(input, `Article page at ${input}/data/documentation/articles/broken.json is not valid JSON.`);
    });

    it('skips JSON files that are not JSON or have no kind', async () => {
      const input = copyFixture(fresh('junk'), 'X.doccarchive');
      write(input, 'data/documentation/articles/junk.json', 'not json at all');
      write(input, 'data/documentation/articles/kindless.json', '{"title": "x"}');
      const run = await runCli(input, '--output', fresh('out'));
      expect(run.code).to.equal(0);
      expect(run.stdout).to.contain('2 reference article(s)');
    });

    it('reports the OS error when data/symbol-graphs is a file', async () => {
      const input = copyFixture(fresh('graph-file'), 'X.doccarchive');
      fs.rmSync(path.join(input, 'data/symbol-graphs'), { recursive: true });
      write(input, 'data/symbol-graphs', 'not a directory');
      const out = fresh('out');
      const run = await runCli(input, '--output', out);
      expect(run.code).to.equal(64);
      expect(run.stdout).to.match(/^not a directory.*\n$/);
      expect(fs.existsSync(out)).to.equal(false);
    });

    it('reports the OS error for an unreadable page (a dangling link)', async () => {
      const input = copyFixture(fresh('unreadable'), 'X.doccarchive');
      fs.symlinkSync(path.join(input, 'gone.json'), path.join(input, 'data/documentation/articles/zz.json'));
      const run = await runCli(input, '--output', fresh('out'));
      expect(run.code).to.equal(64);
      expect(run.stdout).to.match(/^no such file or directory.*\n$/);
    });
  });

  describe('when a tutorial cannot be loaded', () => {
    it('warns on stderr with the Swift debug form and still converts', async () => {
      const input = copyFixture(fresh('tutorial'), 'T.doccarchive', FIXTURE.tutorialCatalog);
      fs.rmSync(path.join(input, 'data/tutorials/getting-started.json'));
      const out = fresh('out');
      const run = await runCli(input, '--output', out);
      expect(run.code).to.equal(0);
      expect(run.stderr).to.equal(
        `MarkdownGenerationPipeline: warning: failed to load tutorial page tutorialcatalog/tutorials/getting-started: tutorialPageMissing(file://${input}/data/tutorials/getting-started.json)\n`,
      );
      expect(fs.readFileSync(path.join(out, 'markdown/tutorials/tutorialcatalog/1-getting-started.md'), 'utf8')).to.contain(
        '- **Tutorial Count:** 0\n\n## Tutorials\n_No tutorial content available for this chapter._\n',
      );
    });

    it('warns about an invalid tutorial page', async () => {
      const input = copyFixture(fresh('tutorial-bad'), 'T.doccarchive', FIXTURE.tutorialCatalog);
      write(
        input,
        'data/tutorials/getting-started.json',
        JSON.stringify({ identifier: { url: 'doc://x' }, kind: 'overview', metadata: {} }),
      );
      const run = await runCli(input, '--output', fresh('out'));
      expect(run.stderr).to.contain(`: invalidTutorialPage(file://${input}/data/tutorials/getting-started.json)\n`);
    });
  });

  describe('when a symbol graph has symbols without identifiers or titles', () => {
    it('counts the others and warns about the skipped ones', async () => {
      const input = copyFixture(fresh('skipped'), 'X.doccarchive');
      write(
        input,
        'data/symbol-graphs/sample.symbols.json',
        JSON.stringify({
          module: { name: 'Mod' },
          symbols: [{ identifier: 'a', names: { title: 'A' } }, { identifier: '', names: { title: 'B' } }, { names: {} }],
        }),
      );
      const run = await runCli(input, '--output', fresh('out'));
      expect(run.stderr).to.equal('DoccMetadataParser: skipped 2 symbol(s) in sample.symbols.json due to missing identifiers or titles.\n');
      expect(run.stdout).to.contain('and 1 symbol(s)');
    });
  });
});
