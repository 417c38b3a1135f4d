// Byte parity with the Swift CLI: every golden snapshot, every §10.2 tree and summary line.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { SNAPSHOTS } from '../../../support/paths.ts';
import { FIXTURE, convert } from '../../../support/engine.ts';
import { listTree, makeTempDir } from '../../../support/tmp.ts';

const tmp = makeTempDir('golden');
after(() => tmp.remove());

function snapshot(name: string): Buffer {
  return fs.readFileSync(path.join(SNAPSHOTS, name));
}

function output(out: string, relative: string): Buffer {
  return fs.readFileSync(path.join(out, relative));
}

describe('swift-compat engine golden output', () => {
  describe('when converting TutorialCatalog with defaults', () => {
    const out = tmp.join('tc');
    let summaryLine = '';
    before(async () => {
      summaryLine = (await convert(FIXTURE.tutorialCatalog, out)).summary.summaryLine;
    });

    it('writes the volume overview byte for byte', () => {
      expect(
        output(out, 'markdown/tutorials/tutorialcatalog/index.md').equals(
          snapshot('tutorialcatalog.default.tutorials__tutorialcatalog__index.md'),
        ),
      ).to.equal(true);
    });

    it('writes the chapter page byte for byte', () => {
      const expected = snapshot('tutorialcatalog.default.tutorials__tutorialcatalog__1-getting-started.md');
      expect(output(out, 'markdown/tutorials/tutorialcatalog/1-getting-started.md').toString()).to.equal(expected.toString());
    });

    it('writes the link graph as the snapshot without its final newline (245 bytes)', () => {
      const expected = snapshot('tutorialcatalog.default.linkgraph__adjacency.json');
      const actual = output(out, 'linkgraph/adjacency.json');
      expect(actual.length).to.equal(245);
      expect(Buffer.concat([actual, Buffer.from('\n')]).equals(expected)).to.equal(true);
    });

    it('writes exactly the §10.2 tree and the summary line', () => {
      expect(listTree(out)).to.deep.equal([
        'linkgraph/adjacency.json',
        'markdown/tutorials/tutorialcatalog/1-getting-started.md',
        'markdown/tutorials/tutorialcatalog/index.md',
      ]);
      expect(summaryLine).to.equal(`Generated 1 tutorial volume(s), 1 chapter(s), 0 reference article(s), and 0 symbol(s) into ${out}.`);
    });
  });

  describe('when converting TutorialCatalog with --tutorial-layout single', () => {
    it('adds the tutorial page under the chapter directory', async () => {
      const out = tmp.join('tc-single');
      const { summary } = await convert(FIXTURE.tutorialCatalog, out, { tutorialLayout: 'single' });
      expect(listTree(out)).to.deep.equal([
        'linkgraph/adjacency.json',
        'markdown/tutorials/tutorialcatalog/1-getting-started.md',
        'markdown/tutorials/tutorialcatalog/getting-started/build-the-first-page.md',
        'markdown/tutorials/tutorialcatalog/index.md',
      ]);
      expect(summary.counts).to.deep.equal({ volumes: 1, chapters: 1, articles: 0, symbols: 0, tutorials: 1 });
      const page = output(out, 'markdown/tutorials/tutorialcatalog/getting-started/build-the-first-page.md').toString();
      expect(page).to.match(
        /^# Build the First Page\n\n## Tutorial Metadata\n- \*\*Identifier:\*\* tutorialcatalog\/tutorials\/getting-started\n/,
      );
      expect(page).to.contain('\n\n## Sections\n### Steps\n1. **Scaffold a DocC bundle**\n');
      expect(page).to.contain('\n\n## Assessments\n##### Knowledge Check\n');
    });
  });

  describe('when converting ArticleReference with defaults', () => {
    const out = tmp.join('ar');
    let summaryLine = '';
    before(async () => {
      summaryLine = (await convert(FIXTURE.articleReference, out)).summary.summaryLine;
    });

    it('writes the api-walkthrough article byte for byte', () => {
      const expected = snapshot('articlereference.default.articles__articlereference__documentation__articles__api-walkthrough.md');
      expect(output(out, 'markdown/articles/articlereference/documentation/articles/api-walkthrough.md').equals(expected)).to.equal(true);
    });

    it('writes the derived intro article of §10.2', () => {
      expect(output(out, 'markdown/articles/articlereference/documentation/articles/intro.md').toString()).to.equal(
        [
          '# DocC2Context Article Overview',
          '',
          '## Article Metadata',
          '- **Identifier:** articlereference/documentation/articles/intro',
          '- **Article Kind:** article',
          '- **Catalog Identifier:** articlereference',
          '- **Catalog Title:** DocC2Context Article Reference',
          '- **Catalog Kind:** technology',
          '- **Catalog Role:** collection',
          '- **Section Count:** 0',
          '- **Reference Count:** 0',
          '',
          '## Abstract',
          'Describes how docc2context converts DocC article nodes into Markdown.',
          '',
          '## Sections',
          '_No sections available for this article._',
          '',
          '## Topics',
          '',
          '### Conversion',
          '- articlereference/documentation/articles/api-walkthrough',
          '',
        ].join('\n'),
      );
    });

    it('writes the tree with an empty tutorials directory, and the summary line', () => {
      expect(listTree(out)).to.deep.equal([
        'linkgraph/adjacency.json',
        'markdown/articles/articlereference/documentation/articles/api-walkthrough.md',
        'markdown/articles/articlereference/documentation/articles/intro.md',
        'markdown/tutorials/',
      ]);
      expect(summaryLine).to.equal(`Generated 0 tutorial volume(s), 0 chapter(s), 2 reference article(s), and 1 symbol(s) into ${out}.`);
    });

    it('writes the 410-byte link graph with the symbol-graph reference', () => {
      const graph = output(out, 'linkgraph/adjacency.json').toString();
      expect(graph.length).to.equal(410);
      expect(JSON.parse(graph).allPageIdentifiers).to.deep.equal([
        'articlereference',
        'articlereference/documentation/articles/api-walkthrough',
        'articlereference/documentation/articles/intro',
        'docc2contextcommand',
      ]);
    });
  });

  describe('when converting ArticleReference with --technology filters', () => {
    const cases: [string[], number][] = [
      [['Docc2contextCore'], 1],
      [['  docc2contextcore  '], 1],
      [['Docc2contextCore', 'OtherModule'], 1],
      [['NonExistentModule'], 0],
    ];
    for (const [technologies, symbols] of cases) {
      it(`counts ${symbols} symbol(s) for ${JSON.stringify(technologies)}`, async () => {
        const out = tmp.join(`ar-tech-${technologies.join('-').trim().replace(/\W+/g, '_')}`);
        const { summary } = await convert(FIXTURE.articleReference, out, { technologies });
        expect(summary.counts.symbols).to.equal(symbols);
        expect(summary.summaryLine).to.equal(
          `Generated 0 tutorial volume(s), 0 chapter(s), 2 reference article(s), and ${symbols} symbol(s) into ${out}.`,
        );
        expect(listTree(out)).to.have.length(4);
        expect(output(out, 'linkgraph/adjacency.json').toString().includes('docc2contextcommand')).to.equal(symbols === 1);
      });
    }
  });

  describe('when converting Docc2contextCore in tree layout', () => {
    const out = tmp.join('dc-tree');
    let summaryLine = '';
    before(async () => {
      summaryLine = (await convert(FIXTURE.docc2contextCore, out)).summary.summaryLine;
    });

    it('writes the MarkdownGenerationPipeline symbol page byte for byte', () => {
      const expected = snapshot('docc2contextcore.tree.documentation__docc2contextcore__markdowngenerationpipeline__index.md');
      expect(output(out, 'markdown/documentation/docc2contextcore/markdowngenerationpipeline/index.md').equals(expected)).to.equal(true);
    });

    it('writes 486 files: 441 symbol pages, 44 articles, the link graph, and an empty tutorials directory', () => {
      const tree = listTree(out);
      const files = tree.filter((entry) => !entry.endsWith('/'));
      expect(files).to.have.length(486);
      expect(
        files.filter((file) => file.startsWith('markdown/documentation/docc2contextcore/') && file.endsWith('/index.md')),
      ).to.have.length(441);
      expect(files.filter((file) => file.startsWith('markdown/articles/documentation/docc2contextcore/'))).to.have.length(44);
      expect(tree.filter((entry) => entry.endsWith('/'))).to.deep.equal(['markdown/tutorials/']);
      expect(files).to.include('linkgraph/adjacency.json');
      expect(summaryLine).to.equal(`Generated 0 tutorial volume(s), 0 chapter(s), 44 reference article(s), and 440 symbol(s) into ${out}.`);
    });

    it('renders the dogfooding article with its split abstract', () => {
      const page = output(out, 'markdown/articles/documentation/docc2contextcore/fixturedogfooding.md').toString();
      expect(page).to.contain('Regenerating the fixture');
      expect(page).to.contain(
        '## Abstract\nThis package can generate a\n`.doccarchive`\nfrom its own sources using\n`swift package generate-documentation`\n.\n',
      );
    });

    it('gives empty API collections the Context of the third path component', () => {
      const page = output(
        out,
        'markdown/articles/documentation/docc2contextcore/markdowngenerationpipeline/summary/equatable-implementations.md',
      ).toString();
      expect(page).to.contain('- **Section Count:** 1\n');
      expect(page).to.contain('### Context\n- Converts a DocC bundle into deterministic Markdown and a link graph.\n- Use this type when');
      expect(page).to.contain(
        '## Topics\n\n### Operators\n- doc://Docc2contextCore/documentation/Docc2contextCore/MarkdownGenerationPipeline/Summary/!=(_:_:)\n',
      );
      expect(page).to.contain('## References\n\n### !=(_:_:)\n- **Kind:** symbol\n');
    });

    it('renders a parameters section and an aside with its style, not its name', () => {
      const page = output(out, 'markdown/documentation/docc2contextcore/determinismvalidator/hashfile-at/index.md').toString();
      expect(page).to.contain(
        '## Discussion\n\n### Parameters\n- `filePath`: Path to the file to hash\n\n### Return Value\n\nHex-encoded hash string\n\n### Discussion\n\n> **Note:** Error if file cannot be read\n',
      );
    });
  });

  describe('when converting Docc2contextCore with --symbol-layout single', () => {
    const out = tmp.join('dc-single');
    let summaryLine = '';
    before(async () => {
      summaryLine = (await convert(FIXTURE.docc2contextCore, out, { symbolLayout: 'single' })).summary.summaryLine;
    });

    it('prints the same summary line as the tree layout', () => {
      expect(summaryLine).to.equal(`Generated 0 tutorial volume(s), 0 chapter(s), 44 reference article(s), and 440 symbol(s) into ${out}.`);
    });

    it('writes the BenchmarkComparator page byte for byte', () => {
      const expected = snapshot('docc2contextcore.single.documentation__docc2contextcore__benchmarkcomparator.md');
      expect(output(out, 'markdown/documentation/docc2contextcore/benchmarkcomparator.md').equals(expected)).to.equal(true);
    });

    it('writes 80 files: 35 top-level types, 44 articles and the link graph', () => {
      const files = listTree(out).filter((entry) => !entry.endsWith('/'));
      expect(files).to.have.length(80);
      const symbols = files.filter((file) => file.startsWith('markdown/documentation/'));
      expect(symbols).to.have.length(35);
      expect(symbols.every((file) => /^markdown\/documentation\/docc2contextcore\/[^/]+\.md$/.test(file))).to.equal(true);
      expect(fs.existsSync(path.join(out, 'markdown/documentation/docc2contextcore/benchmarkcomparator/index.md'))).to.equal(false);
    });
  });
});
