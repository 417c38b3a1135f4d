// The docc2context command: arguments, validation order, messages on stdout, exit codes.
import { expect } from 'chai';
import fs from 'node:fs';
import { FIXTURE } from '../../support/engine.ts';
import { runCli, spawnCli } from '../../support/cli.ts';
import { makeTempDir } from '../../support/tmp.ts';

const HELP_FIRST_LINE = 'docc2context \u2013 DocC to Markdown converter (bootstrap)\n';

describe('docc2context CLI', () => {
  const tmp = makeTempDir('cli');
  after(() => tmp.remove());

  describe('when -h or --help appears anywhere', () => {
    for (const argv of [['--help'], ['-h'], ['--output', '-h'], ['--bogus', 'a', 'b', '--help']]) {
      it(`prints the help and exits 0 for ${argv.join(' ')}`, async () => {
        const run = await runCli(...argv);
        expect(run.code).to.equal(0);
        expect(run.stdout.startsWith(HELP_FIRST_LINE)).to.equal(true);
        expect(run.stdout.endsWith('\n')).to.equal(true);
        expect(run.stdout).to.contain('  --tutorial-layout <value> Tutorial output layout. Supported values: chapter (default), single.\n');
        expect(run.stdout).to.contain('  --profile <value>         Rendering profile. Supported values: swift-compat (default)');
        expect(run.stdout).to.contain('  --front-matter            Start every page with YAML front matter (rich profile only).\n');
      });
    }
  });

  describe('when the arguments do not parse', () => {
    const cases: [string[], string][] = [
      [['in', '--bogus'], "Unknown flag '--bogus'. Pass --help to see supported options."],
      [['in', '--bogus=1'], "Unknown flag '--bogus'. Pass --help to see supported options."],
      [['in', '-x'], "Unknown flag '-x'. Pass --help to see supported options."],
      [['in', '--output'], 'Flag --output requires a value.'],
      [['in', '--output', '--force'], 'Flag --output requires a value.'],
      [['in', '--technology'], 'Flag --technology requires a value.'],
      [['in', 'other', '--output', 'o'], "Unexpected argument 'other'. Provide only one input path."],
      [['--', 'in', '--output'], "Unexpected argument '--output'. Provide only one input path."],
    ];
    for (const [argv, message] of cases) {
      it(`prints "${message}" and exits 64 for ${argv.join(' ')}`, async () => {
        expect(await runCli(...argv)).to.deep.equal({ code: 64, stdout: `${message}\n`, stderr: '' });
      });
    }
  });

  describe('when options are checked in the Swift order', () => {
    const cases: [string[], string][] = [
      [['--output', 'o', '--format', 'html'], 'Missing input path. Provide a DocC bundle or archive to convert.'],
      [['   ', '--output', 'o'], 'Missing input path. Provide a DocC bundle or archive to convert.'],
      [['in', '--format', 'html'], 'Missing required --output <directory> option.'],
      [['in', '--output', ' \t'], 'Missing required --output <directory> option.'],
      [['in', '--output', 'o', '--format', 'HTML', '--symbol-layout', 'x'], "Unsupported format 'HTML'. Supported formats: markdown."],
      [
        ['in', '--output', 'o', '--symbol-layout', 'Flat', '--tutorial-layout', 'x'],
        "Unsupported symbol layout 'Flat'. Supported values: tree, single.",
      ],
      [['in', '--output', 'o', '--tutorial-layout', 'Book'], "Unsupported tutorial layout 'Book'. Supported values: chapter, single."],
      [['in', '--output', 'o', '--profile', 'fancy'], "Unsupported profile 'fancy'. Supported values: swift-compat, rich."],
      [['in', '--output', 'o', '--front-matter'], 'The --front-matter flag needs --profile rich.'],
    ];
    for (const [argv, message] of cases) {
      it(`reports "${message}"`, async () => {
        expect(await runCli(...argv)).to.deep.equal({ code: 64, stdout: `${message}\n`, stderr: '' });
      });
    }

    it('accepts option values case-insensitively and --opt=value', async () => {
      const out = tmp.join('case');
      const run = await runCli(
        FIXTURE.tutorialCatalog,
        `--output=${out}`,
        '--format',
        'MarkDown',
        '--symbol-layout=SINGLE',
        '--tutorial-layout',
        'Chapter',
        '--profile',
        'Swift-Compat',
      );
      expect(run.code).to.equal(0);
      expect(run.stdout).to.equal(`Generated 1 tutorial volume(s), 1 chapter(s), 0 reference article(s), and 0 symbol(s) into ${out}.\n`);
    });

    it('lets the last --output win and trims the paths', async () => {
      const out = tmp.join('last');
      const run = await runCli(` ${FIXTURE.articleReference} `, '--output', tmp.join('first'), '--output', `  ${out}  `);
      expect(run.stdout).to.equal(`Generated 0 tutorial volume(s), 0 chapter(s), 2 reference article(s), and 1 symbol(s) into ${out}.\n`);
      expect(fs.existsSync(tmp.join('first'))).to.equal(false);
    });
  });

  describe('when --front-matter is given with the rich profile', () => {
    it('starts every Markdown page with YAML front matter naming the page', async () => {
      const out = tmp.join('front-matter');
      const run = await runCli(FIXTURE.docc2contextCore, '--output', out, '--profile', 'rich', '--front-matter');
      expect(run.code).to.equal(0);
      const pages = (fs.readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith('.md') && name.includes('/'));
      expect(pages.length).to.be.greaterThan(0);
      for (const page of pages) {
        const text = fs.readFileSync(`${out}/${page}`, 'utf8');
        expect(text.startsWith('---\n'), page).to.equal(true);
        const header = text.slice(4, text.indexOf('\n---\n', 4));
        expect(header, page).to.match(/^title: \S/m);
        expect(header, page).to.match(/^identifier: doc:\/\/Docc2contextCore\//m);
      }
    });
  });

  describe('when run as a real process through bin/docc2context.js', () => {
    it('converts, prints the summary line on stdout and exits 0', () => {
      const out = tmp.join('spawned');
      const run = spawnCli([FIXTURE.articleReference, '--output', out, '--technology', 'NonExistentModule']);
      expect(run).to.deep.equal({
        code: 0,
        stdout: `Generated 0 tutorial volume(s), 0 chapter(s), 2 reference article(s), and 0 symbol(s) into ${out}.\n`,
        stderr: '',
      });
    });

    it('resolves a relative output against the working directory', () => {
      const run = spawnCli([FIXTURE.tutorialCatalog, '--output', './rel/../relative-out'], tmp.path);
      expect(run.code).to.equal(0);
      expect(run.stdout).to.equal(
        `Generated 1 tutorial volume(s), 1 chapter(s), 0 reference article(s), and 0 symbol(s) into ${tmp.join('relative-out')}.\n`,
      );
    });

    it('prints errors on stdout and exits 64', () => {
      const run = spawnCli([tmp.join('missing.doccarchive'), '--output', tmp.join('never')]);
      expect(run).to.deep.equal({ code: 64, stdout: `Input path does not exist at ${tmp.join('missing.doccarchive')}\n`, stderr: '' });
    });

    it('prints the help with exit 0', () => {
      const run = spawnCli(['--help']);
      expect(run.code).to.equal(0);
      expect(run.stdout.startsWith(HELP_FIRST_LINE)).to.equal(true);
    });
  });
});
