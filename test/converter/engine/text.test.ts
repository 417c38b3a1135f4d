import { expect } from 'chai';
import { capitalizeWords, parseDocUrl, slug, swiftTrim } from '../../../converter/engine/text.ts';

describe('swiftTrim', () => {
  it("strips Swift's whitespacesAndNewlines, including U+0085 and every Zs space", () => {
    expect(swiftTrim('\u0085\u00a0\u2003 a b \t\n\u2028\u3000')).to.equal('a b');
  });

  it('keeps U+FEFF, which JS trim() would strip', () => {
    expect(swiftTrim('\ufeffx\ufeff')).to.equal('\ufeffx\ufeff');
  });
});

describe('slug', () => {
  const cases: [string, string, string][] = [
    ['init(harness:fixtureBuilder:comparator:fileManager:)', 'segment', 'init-harness-fixturebuilder-comparator-filemanager'],
    ['!=(_:_:)', 'segment', 'segment'],
    ['Paths-swift.struct', 'segment', 'paths-swift-struct'],
    ['1-Getting Started', 'chapter-1', '1-getting-started'],
    ['tutorialcatalog', 'volume', 'tutorialcatalog'],
    ['doc://X/documentation/X', 'volume', 'doc-x-documentation-x'],
    ['  Ünïcödé Straße  ', 'x', 'ünïcödé-straße'],
    ['日本語 ドキュメント', 'x', '日本語-ドキュメント'],
    ['emoji 🚀 rocket', 'x', 'emoji-rocket'],
  ];
  for (const [input, fallback, expected] of cases) {
    it(`maps ${JSON.stringify(input)} to ${expected}`, () => {
      expect(slug(input, fallback)).to.equal(expected);
    });
  }
});

describe('parseDocUrl', () => {
  it('returns the host and the percent-decoded path components, without query or fragment', () => {
    expect(parseDocUrl('doc://Mod/documentation/Mod/a%7Cb//c?x=1#frag')).to.deep.equal({
      host: 'Mod',
      components: ['documentation', 'Mod', 'a|b', 'c'],
    });
  });

  it('accepts the scheme in any case and a URL without a host', () => {
    expect(parseDocUrl('DOC:tutorials/x')).to.deep.equal({ host: '', components: ['tutorials', 'x'] });
  });

  it('keeps a segment whose percent-encoding is invalid', () => {
    expect(parseDocUrl('doc://h/a/%E0%A4%A')?.components).to.deep.equal(['a', '%E0%A4%A']);
  });

  it('rejects other identifiers', () => {
    expect(parseDocUrl('articlereference/documentation/x')).to.equal(undefined);
  });
});

describe('capitalizeWords', () => {
  it('capitalises every word', () => {
    expect(capitalizeWords('note')).to.equal('Note');
    expect(capitalizeWords('EXPERIMENT this')).to.equal('Experiment This');
  });
});
