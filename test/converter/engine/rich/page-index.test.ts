import path from 'node:path/posix';
import { expect } from 'chai';
import { buildPageIndex, pagePath, relativeLink, slugComponent } from '../../../../converter/engine/rich/page-index.ts';
import { docPathComponents } from '../../../../converter/engine/rich/page-summary.ts';
import type { PageSummary } from '../../../../converter/engine/rich/page-summary.ts';

function summary(identifier: string): PageSummary {
  return {
    identifier,
    source: `data/${identifier}.json`,
    title: identifier,
    abstract: '',
    kind: 'symbol',
    role: 'symbol',
    symbolKind: 'method',
    roleHeading: '',
    module: 'M',
    components: docPathComponents(identifier),
    topics: [],
  };
}

describe('rich page index', () => {
  describe('when slugging path components', () => {
    it('keeps hash disambiguation and spells out operators', () => {
      expect(slugComponent('init(help:completion:)-4p94d')).to.equal('init-help-completion-4p94d');
      expect(slugComponent('!=(_:_:)')).to.equal('bang-equal');
      expect(slugComponent('==(_:_:)')).to.equal('equal-equal');
      expect(slugComponent('Paths-swift.struct')).to.equal('paths-swift-struct');
    });
  });

  describe('when mapping identifiers to paths', () => {
    const components = docPathComponents('doc://M/documentation/M/Sloth/init(name:)');

    it('nests one folder per component in the tree layout', () => {
      expect(pagePath(components, 'tree')).to.equal('markdown/documentation/m/sloth/init-name/index.md');
    });

    it('flattens members into their module folder in the single layout', () => {
      expect(pagePath(components, 'single')).to.equal('markdown/documentation/m/sloth.init-name.md');
      expect(pagePath(docPathComponents('doc://M/documentation/M'), 'single')).to.equal('markdown/documentation/m/index.md');
    });

    it('decodes percent-encoding and drops the fragment', () => {
      expect(docPathComponents('doc://M/documentation/M/a%20b#Overview')).to.deep.equal(['documentation', 'M', 'a b']);
    });
  });

  describe('when two pages map to the same path', () => {
    it('gives the later identifier a numbered path instead of overwriting', () => {
      const index = buildPageIndex([summary('doc://M/documentation/M/T/+(_:_:)'), summary('doc://M/documentation/M/T/+(_:)')], 'tree');
      expect(index.pages.map((page) => page.path)).to.deep.equal([
        'markdown/documentation/m/t/plus/index.md',
        'markdown/documentation/m/t/plus-2/index.md',
      ]);
    });
  });

  describe('when looking pages up', () => {
    it('finds an identifier regardless of case', () => {
      const index = buildPageIndex([summary('doc://M/documentation/M/Sloth')], 'tree');
      expect(index.find('doc://M/documentation/m/sloth')?.path).to.equal('markdown/documentation/m/sloth/index.md');
      expect(index.find('doc://M/documentation/M/Other')).to.equal(undefined);
    });

    it('links relatively between generated files, keeping the anchor', () => {
      expect(relativeLink('markdown/documentation/m/a/index.md', 'markdown/documentation/m/b/c/index.md', 'Overview')).to.equal(
        '../b/c/index.md#overview',
      );
    });

    it('links like path.relative between any two paths, nested, sibling, parent or unusual', () => {
      const paths = [
        'markdown/index.md',
        'markdown/documentation/m/index.md',
        'markdown/documentation/m/a/index.md',
        'markdown/documentation/m/a/b/index.md',
        'markdown/documentation/m/a.b.md',
        'markdown/documentation/mm/index.md',
        'images/m/x.png',
        'index.md',
        'llms.txt',
        'markdown/documentation',
        'markdown/./documentation/m/index.md',
        'markdown/documentation/../m/index.md',
        'markdown//documentation/index.md',
        '/images/x.png',
        'images/x.png/',
      ];
      for (const from of paths) {
        for (const to of paths) {
          expect(relativeLink(from, to), `${from} → ${to}`).to.equal(path.relative(path.dirname(from), to));
        }
      }
    });
  });
});
