import { expect } from 'chai';
import {
  articleFile,
  chapterFile,
  symbolFile,
  tutorialSourceFile,
  volumeDirectory,
} from '../../../../converter/engine/swift-compat/paths.ts';

describe('output paths', () => {
  it('maps doc: articles and legacy articles under markdown/articles', () => {
    expect(articleFile('doc://Docc2contextCore/documentation/Docc2contextCore/FixtureDogfooding')).to.equal(
      'markdown/articles/documentation/docc2contextcore/fixturedogfooding.md',
    );
    expect(articleFile('articlereference/documentation/articles/api-walkthrough')).to.equal(
      'markdown/articles/articlereference/documentation/articles/api-walkthrough.md',
    );
    expect(articleFile('doc://host')).to.equal('markdown/articles/article.md');
  });

  it('maps symbols in tree layout', () => {
    expect(symbolFile('doc://M/documentation/M/Type/==(_:_:)', 'tree')).to.equal('markdown/documentation/m/type/segment/index.md');
    expect(symbolFile('plain id', 'tree')).to.equal('markdown/documentation/plain-id/index.md');
    expect(symbolFile('doc://M', 'tree')).to.equal('markdown/index.md');
  });

  it('writes only top-level types in single layout', () => {
    expect(symbolFile('doc://M/documentation/M/BenchmarkComparator', 'single')).to.equal('markdown/documentation/m/benchmarkcomparator.md');
    expect(symbolFile('doc://M/documentation/M', 'single')).to.equal(undefined);
    expect(symbolFile('doc://M/documentation/M/A/b', 'single')).to.equal(undefined);
  });

  it('numbers chapters among all topic sections and slugs the volume identifier', () => {
    expect(chapterFile(volumeDirectory('tutorialcatalog'), 2, 'Getting Started!')).to.equal(
      'markdown/tutorials/tutorialcatalog/3-getting-started.md',
    );
    expect(chapterFile(volumeDirectory('tutorialcatalog'), 2, '!!!')).to.equal('markdown/tutorials/tutorialcatalog/3.md');
    expect(volumeDirectory('doc://X/documentation/X')).to.equal('markdown/tutorials/doc-x-documentation-x');
  });

  it('locates tutorial files for doc: and plain identifiers', () => {
    expect(tutorialSourceFile('doc://test/tutorials/Test/GettingStarted')).to.equal('data/tutorials/test/gettingstarted.json');
    expect(tutorialSourceFile('tutorialcatalog/tutorials/getting-started')).to.equal('data/tutorials/getting-started.json');
  });
});
