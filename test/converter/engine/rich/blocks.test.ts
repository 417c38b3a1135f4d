import { expect } from 'chai';
import { renderBlocks } from '../../../../converter/engine/rich/blocks.ts';
import { testContext } from './support/context.ts';

const p = (text: string) => ({ type: 'paragraph', inlineContent: [{ type: 'text', text }] });

describe('renderBlocks', () => {
  describe('when given headings, paragraphs and code', () => {
    it('shifts heading levels by the offset and fences code with its syntax', () => {
      const md = renderBlocks(
        [
          { type: 'heading', level: 2, text: 'Overview' },
          p('Hello.'),
          { type: 'codeListing', syntax: 'swift', code: ['let a = 1', 'print(a)'] },
        ],
        testContext(),
        1,
      );
      expect(md).to.equal('### Overview\n\nHello.\n\n```swift\nlet a = 1\nprint(a)\n```');
    });

    it('lengthens the fence when the code contains one', () => {
      expect(renderBlocks([{ type: 'codeListing', code: ['```', 'x'] }], testContext())).to.equal('````\n```\nx\n````');
    });

    it('escapes a paragraph that would read as a heading or list', () => {
      expect(renderBlocks([p('# not a heading'), p('1. not a list')], testContext())).to.equal('\\# not a heading\n\n1\\. not a list');
    });
  });

  describe('when given asides', () => {
    it('uses the real name, or the capitalised style', () => {
      const md = renderBlocks(
        [
          { type: 'aside', style: 'note', name: 'Throws', content: [p('An error.')] },
          { type: 'aside', style: 'experiment', content: [p('Try it.'), p('Twice.')] },
        ],
        testContext(),
      );
      expect(md).to.equal('> **Throws:** An error.\n\n> **Experiment:** Try it.\n>\n> Twice.');
    });
  });

  describe('when given lists', () => {
    it('numbers ordered lists from `start` and indents continuation blocks', () => {
      const md = renderBlocks(
        [{ type: 'orderedList', start: 3, items: [{ content: [p('three')] }, { content: [p('four'), p('more')] }] }],
        testContext(),
      );
      expect(md).to.equal('3. three\n\n4. four\n\n   more');
    });

    it('renders unordered and term lists', () => {
      const md = renderBlocks(
        [
          { type: 'unorderedList', items: [{ content: [p('a')] }, { content: [p('b')] }] },
          {
            type: 'termList',
            items: [{ term: { inlineContent: [{ type: 'text', text: 'Term' }] }, definition: { content: [p('Meaning.')] } }],
          },
        ],
        testContext(),
      );
      expect(md).to.equal('- a\n- b\n\n- **Term**: Meaning.');
    });
  });

  describe('when given tables', () => {
    const cell = (text: string) => [p(text)];

    it('renders a header row and alignments as a pipe table, escaping pipes', () => {
      const md = renderBlocks(
        [
          {
            type: 'table',
            header: 'row',
            alignments: ['left', 'right'],
            rows: [
              [cell('A'), cell('B')],
              [cell('1|2'), cell('3')],
            ],
          },
        ],
        testContext(),
      );
      expect(md).to.equal('| A | B |\n| :--- | ---: |\n| 1\\|2 | 3 |');
    });

    it('bolds the header column', () => {
      const md = renderBlocks([{ type: 'table', header: 'column', rows: [[cell('K'), cell('v')]] }], testContext());
      expect(md).to.equal('|  |  |\n| --- | --- |\n| **K** | v |');
    });

    it('keeps column spans in an HTML table', () => {
      const md = renderBlocks(
        [
          {
            type: 'table',
            header: 'row',
            rows: [
              [cell('A'), cell('B')],
              [cell('wide'), cell('')],
            ],
            extendedData: { '1_0': { colspan: 2, rowspan: 1 }, '1_1': { colspan: 0, rowspan: 1 } },
          },
        ],
        testContext(),
      );
      expect(md).to.equal('<table>\n<tr><th>A</th><th>B</th></tr>\n<tr><td colspan="2">wide</td></tr>\n</table>');
    });
  });

  describe('when given containers and media', () => {
    const references = {
      'doc://m/documentation/M/Page': {
        type: 'topic',
        kind: 'article',
        title: 'Page',
        url: '/documentation/m/page',
        abstract: [{ type: 'text', text: 'About.' }],
      },
      'v.mov': { type: 'video', alt: 'Demo', variants: [{ url: '/videos/v.mov' }] },
      'i.png': { type: 'image', alt: null, variants: [{ url: '/images/i.png' }] },
    };

    it('renders rows, tab navigators, links blocks, images, videos, small and thematic breaks', () => {
      const md = renderBlocks(
        [
          {
            type: 'row',
            numberOfColumns: 2,
            columns: [
              { size: 1, content: [p('left')] },
              { size: 1, content: [p('right')] },
            ],
          },
          { type: 'tabNavigator', tabs: [{ title: 'Swift', content: [p('s')] }] },
          { type: 'links', style: 'list', items: ['doc://m/documentation/M/Page'] },
          { type: 'video', identifier: 'v.mov' },
          { type: 'image', identifier: 'i.png', metadata: { abstract: [{ type: 'text', text: 'Caption.' }] } },
          { type: 'small', inlineContent: [{ type: 'text', text: 'fine print' }] },
          { type: 'thematicBreak' },
        ],
        testContext(references, { 'doc://m/documentation/M/Page': 'page.md' }),
      );
      expect(md).to.equal(
        [
          'left',
          'right',
          '**Swift**',
          's',
          '- [Page](page.md): About.',
          '[Video: Demo](/videos/v.mov)',
          '[Image: i.png](/images/i.png)',
          'Caption.',
          'fine print',
          '---',
        ].join('\n\n'),
      );
    });
  });

  describe('when given examples', () => {
    it('renders dictionary and endpoint examples as fenced code', () => {
      const md = renderBlocks(
        [
          {
            type: 'dictionaryExample',
            summary: [p('Sample.')],
            example: { syntax: 'json', content: [{ collapsible: false, code: ['{}'] }] },
          },
          {
            type: 'endpointExample',
            request: { syntax: 'http', content: [{ code: ['GET /'] }] },
            response: { syntax: 'http', content: [{ code: ['200 OK'] }] },
          },
        ],
        testContext(),
      );
      expect(md).to.equal('Sample.\n\n```json\n{}\n```\n\n**Request**\n\n```http\nGET /\n```\n\n**Response**\n\n```http\n200 OK\n```');
    });
  });

  describe('when given an unknown block type', () => {
    it('keeps the text of its children and counts it', () => {
      const ctx = testContext();
      const md = renderBlocks([{ type: 'callout', title: 'Heads up', content: [p('Inside.')] }], ctx);
      expect(md).to.equal('Heads up\n\nInside.');
      expect(ctx.unknown.get('block:callout')).to.equal(1);
    });
  });
});
