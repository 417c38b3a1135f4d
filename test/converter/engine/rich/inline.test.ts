import { expect } from 'chai';
import { renderInline } from '../../../../converter/engine/rich/inline.ts';
import { testContext } from './support/context.ts';

const text = (value: string) => ({ type: 'text', text: value });

describe('renderInline', () => {
  describe('when given formatting nodes', () => {
    it('keeps emphasis, strong, strikethrough, newTerm and inlineHead markers', () => {
      const md = renderInline(
        [
          { type: 'emphasis', inlineContent: [text('a')] },
          text(' '),
          { type: 'strong', inlineContent: [text('b')] },
          text(' '),
          { type: 'strikethrough', inlineContent: [text('c')] },
          text(' '),
          { type: 'newTerm', inlineContent: [text('d')] },
          text(' '),
          { type: 'inlineHead', inlineContent: [text('e')] },
        ],
        testContext(),
      );
      expect(md).to.equal('*a* **b** ~~c~~ *d* **e**');
    });

    it('moves edge spaces outside the markers', () => {
      expect(renderInline([{ type: 'strong', inlineContent: [text(' bold ')] }], testContext())).to.equal(' **bold** ');
    });

    it('renders subscript and superscript as HTML', () => {
      const md = renderInline(
        [text('H'), { type: 'subscript', inlineContent: [text('2')] }, text('O x'), { type: 'superscript', inlineContent: [text('2')] }],
        testContext(),
      );
      expect(md).to.equal('H<sub>2</sub>O x<sup>2</sup>');
    });
  });

  describe('when text contains Markdown syntax', () => {
    it('escapes markup characters but leaves intra-word underscores alone', () => {
      expect(renderInline([text('a*b [c] snake_case _x_ <T>')], testContext())).to.equal('a\\*b \\[c\\] snake_case \\_x\\_ \\<T>');
    });

    it('does not escape inside code voice and widens the fence around backticks', () => {
      expect(renderInline([{ type: 'codeVoice', code: 'a*b' }], testContext())).to.equal('`a*b`');
      expect(renderInline([{ type: 'codeVoice', code: 'a`b' }], testContext())).to.equal('``a`b``');
    });
  });

  describe('when given references', () => {
    const references = {
      'doc://m/documentation/M/Foo': { type: 'topic', kind: 'symbol', title: 'Foo', url: '/documentation/m/foo' },
      'doc://m/documentation/M/Guide': { type: 'topic', kind: 'article', title: 'A Guide', url: '/documentation/m/guide' },
      'https://swift.org': { type: 'link', title: 'Swift', url: 'https://swift.org' },
      'doc://m/missing': { type: 'unresolvable', title: 'Gone' },
    };

    it('links a written page relatively, symbols in code voice', () => {
      const ctx = testContext(references, { 'doc://m/documentation/M/Foo': '../foo/index.md' });
      expect(renderInline([{ type: 'reference', identifier: 'doc://m/documentation/M/Foo', isActive: true }], ctx)).to.equal(
        '[`Foo`](../foo/index.md)',
      );
    });

    it('keeps the title and DocC path of a page that is not written', () => {
      const ctx = testContext(references);
      expect(renderInline([{ type: 'reference', identifier: 'doc://m/documentation/M/Guide', isActive: true }], ctx)).to.equal(
        '[A Guide](/documentation/m/guide)',
      );
    });

    it('uses overridingTitle, keeps external URLs and renders unresolvable ones as text', () => {
      const ctx = testContext(references);
      const md = renderInline(
        [
          { type: 'reference', identifier: 'https://swift.org', isActive: true, overridingTitle: 'the site' },
          text(' '),
          { type: 'reference', identifier: 'doc://m/missing', isActive: true },
        ],
        ctx,
      );
      expect(md).to.equal('[the site](https://swift.org) Gone');
    });

    it('never fails on a reference missing from `references`', () => {
      expect(renderInline([{ type: 'reference', identifier: 'doc://m/documentation/M/X', isActive: true }], testContext())).to.equal(
        '/documentation/M/X',
      );
    });
  });

  describe('when given links and images', () => {
    it('renders a link with its title and an image as a link with alt text', () => {
      const ctx = testContext({ 'pic.png': { type: 'image', alt: 'A sloth', variants: [{ url: '/images/pic.png', traits: ['1x'] }] } });
      const md = renderInline(
        [{ type: 'link', title: 'Swift', destination: 'https://swift.org' }, text(' '), { type: 'image', identifier: 'pic.png' }],
        ctx,
      );
      expect(md).to.equal('[Swift](https://swift.org) [Image: A sloth](/images/pic.png)');
    });
  });

  describe('when given an unknown node type', () => {
    it('keeps its text and counts it', () => {
      const ctx = testContext();
      const md = renderInline(
        [
          { type: 'sparkle', inlineContent: [text('shiny')] },
          { type: 'glow', text: 'bright' },
        ],
        ctx,
      );
      expect(md).to.equal('shinybright');
      expect([...ctx.unknown]).to.deep.equal([
        ['inline:sparkle', 1],
        ['inline:glow', 1],
      ]);
    });
  });
});
