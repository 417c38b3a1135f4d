// The swift-compat renderers on hand-written render JSON: the quirks of spec §4.7–§4.10 and §6
// that the fixtures do not exercise.
import { expect } from 'chai';
import { decodeArticle } from '../../../../../converter/engine/swift-compat/render/article.ts';
import { renderArticle } from '../../../../../converter/engine/swift-compat/render/article-page.ts';
import { renderBlocks } from '../../../../../converter/engine/swift-compat/render/blocks.ts';
import { ReferenceTable } from '../../../../../converter/engine/swift-compat/render/references.ts';
import { decodeSymbol } from '../../../../../converter/engine/swift-compat/render/symbol.ts';
import { renderSymbol } from '../../../../../converter/engine/swift-compat/render/symbol-page.ts';
import { decodeTutorial } from '../../../../../converter/engine/swift-compat/render/tutorial.ts';
import { renderChapter } from '../../../../../converter/engine/swift-compat/render/tutorial-pages.ts';
import type { CatalogInfo } from '../../../../../converter/engine/swift-compat/render-profile.ts';

const CATALOG: CatalogInfo = { identifier: 'doc://T/documentation/T', title: 'T', kind: 'symbol', role: null, abstract: [], topics: [] };
const text = (value: string): object => ({ type: 'text', text: value });
const paragraph = (...inline: object[]): object => ({ type: 'paragraph', inlineContent: inline });
const references = new ReferenceTable({
  'doc://T/documentation/T/A': { title: 'A', url: '/documentation/t/a' },
  'doc://T/documentation/T/B': { title: 'B' },
  other: { identifier: 'doc://T/documentation/T/C', title: 'C', url: '/c' },
});

describe('swift-compat block renderers', () => {
  const article = { flavor: 'article' as const, references, headingOffset: 0 };
  const symbol = { flavor: 'symbol' as const, references, headingOffset: 1 };
  const tutorial = { flavor: 'tutorial' as const, references, headingOffset: 0 };

  it('renders inline items per flavor (markers dropped, links only in articles, trimming at every level in symbols)', () => {
    const inline = [
      text('a '),
      { type: 'strong', inlineContent: [text(' bold ')] },
      text(' '),
      { type: 'codeVoice', code: '' },
      { type: 'strikethrough', inlineContent: [text('gone')] },
      { type: 'link', href: 'https://x', inlineContent: [text('site')] },
      { type: 'reference', identifier: 'doc://T/documentation/T/A' },
      { type: 'reference', identifier: 'doc://T/documentation/T/B' },
      { type: 'reference', identifier: 'doc://T/documentation/T/C' },
      { type: 'newTerm', inlineContent: [text('term')] },
    ];
    expect(renderBlocks([paragraph(...inline)], article)).to.deep.equal([
      'a  bold  ``~~gone~~[site](https://x)[A](/documentation/t/a)B[C](/c)term',
    ]);
    expect(renderBlocks([paragraph(...inline)], symbol)).to.deep.equal(['a bold [A](/documentation/t/a)B[C](/c)']);
    expect(renderBlocks([paragraph(...inline)], tutorial)).to.deep.equal(['a bold ABC']);
  });

  it('renders asides: one entry per line in articles, one quoted entry with capitalised style in symbols', () => {
    const aside = { type: 'aside', style: 'experiment', name: 'Try', content: [paragraph(text('one')), paragraph(text('two'))] };
    expect(renderBlocks([aside], article)).to.deep.equal(['> **Note:** one', '> two']);
    expect(renderBlocks([{ ...aside, style: 'warning' }], article)).to.deep.equal(['> **Warning:** one', '> two']);
    expect(renderBlocks([aside], symbol)).to.deep.equal(['> **Experiment:** one\n> \n> two']);
    expect(renderBlocks([aside], tutorial)).to.deep.equal([]);
  });

  it('renders tables with an empty header unless header is "row", escaping "|" and padding rows', () => {
    const cell = (value: string): object[] => [paragraph(text(value))];
    const table = { type: 'table', header: 'column', rows: [[cell('a|b'), cell('')], [cell('c')]] };
    expect(renderBlocks([table], article)).to.deep.equal(['|  |  |', '| --- | --- |', '| a\\|b | _ |', '| c |  |']);
    expect(renderBlocks([{ ...table, header: 'row' }], symbol)).to.deep.equal(['| a\\|b | _ |', '| --- | --- |', '| c |  |']);
    expect(renderBlocks([{ type: 'table', rows: [] }], article)).to.deep.equal([]);
  });

  it('renders lists, code listings and headings with their per-flavor rules', () => {
    const list = { type: 'orderedList', start: 5, items: [{ content: [paragraph(text('x'))] }, { content: [] }] };
    expect(renderBlocks([list], article)).to.deep.equal(['1. x', '2. _']);
    expect(renderBlocks([list], tutorial)).to.deep.equal([]);
    const code = { type: 'codeListing', syntax: ' js ', code: ['', 'let a = 1', ''] };
    expect(renderBlocks([code], symbol)).to.deep.equal(['```js\nlet a = 1\n```']);
    expect(renderBlocks([{ type: 'heading', level: 6, text: ' Deep ' }], symbol)).to.deep.equal(['###### Deep']);
    expect(renderBlocks([{ type: 'heading', text: 'H' }], article)).to.deep.equal(['## H']);
    expect(renderBlocks([{ type: 'image', source: 'pic.png' }], article)).to.deep.equal(['![Image](pic.png)']);
    expect(renderBlocks([{ type: 'thematicBreak' }, { type: 'image', source: 'pic.png' }], symbol)).to.deep.equal([]);
  });
});

describe('swift-compat article decoding and page', () => {
  it('flattens render sections by headings, prefixes plain entries and keeps structured ones', () => {
    const node = {
      identifier: { url: 'doc://T/documentation/T/Guide' },
      kind: 'article',
      metadata: { title: 'Guide' },
      abstract: [text('Intro '), { type: 'codeVoice', code: 'x' }, { type: 'reference', identifier: 'r' }],
      primaryContentSections: [
        {
          kind: 'content',
          content: [paragraph(text('Before.')), { type: 'heading', level: 3, text: 'Empty' }, { type: 'heading', text: 'Body' }],
        },
        {
          kind: 'other',
          content: [
            { type: 'aside', content: [paragraph(text('Careful'))] },
            { type: 'links', items: [] },
            { type: 'unorderedList', items: [{ content: [paragraph(text('i'))] }] },
          ],
        },
      ],
      topicSections: [{ title: 'Next', identifiers: ['doc://T/documentation/T/A', 'doc://T/documentation/T/A', 'missing'] }],
      references: { 'doc://T/documentation/T/A': { title: 'A', kind: 'symbol' } },
    };
    const page = renderArticle(decodeArticle(node, '/x.json'), CATALOG, undefined);
    expect(page).to.equal(
      [
        '# Guide',
        '',
        '## Article Metadata',
        '- **Identifier:** doc://T/documentation/T/Guide',
        '- **Article Kind:** article',
        '- **Catalog Identifier:** doc://T/documentation/T',
        '- **Catalog Title:** T',
        '- **Catalog Kind:** symbol',
        '- **Section Count:** 3',
        '- **Reference Count:** 1',
        '',
        '## Abstract',
        'Intro',
        '`x`',
        '',
        '## Sections',
        '',
        '### Overview',
        '- Before.',
        '',
        '### Empty',
        '_No content available for this section._',
        '',
        '### Body',
        '- > **Note:** Careful',
        '- i',
        '',
        '## Topics',
        '',
        '### Next',
        '- doc://T/documentation/T/A',
        '- doc://T/documentation/T/A',
        '- missing',
        '',
        '## References',
        '',
        '### A',
        '- **Kind:** symbol',
        '- **Identifier:** doc://T/documentation/T/A',
        '',
      ].join('\n'),
    );
  });
});

describe('swift-compat symbol page', () => {
  it('shows the non-standard metadata keys, parameters and relationships', () => {
    const node = {
      identifier: { url: 'doc://T/documentation/T/Old' },
      kind: 'symbol',
      metadata: {
        title: 'Old',
        availability: ['iOS 13+'],
        deprecated: true,
        deprecatedSummary: 'Use New.',
        defaultImplementations: [1, 2],
      },
      abstract: [text('Does '), { type: 'emphasis', inlineContent: [text('things')] }],
      primaryContentSections: [{ kind: 'parameters', parameters: [{ name: 'x', content: [] }] }],
      relationshipsSections: [{ title: 'Conforms To', identifiers: ['p'] }],
      references: { p: { title: 'Swift.Equatable' } },
    };
    const symbol = decodeSymbol(node);
    expect(symbol).to.not.equal(undefined);
    expect(renderSymbol(symbol!, CATALOG)).to.equal(
      [
        '# Old',
        '',
        '## Symbol Metadata',
        '- **Identifier:** doc://T/documentation/T/Old',
        '- **Availability:**',
        '  - iOS 13+',
        '- **Status:** ⚠️ Deprecated',
        '- **Deprecation Notice:** Use New.',
        '- **Default Implementations:** 2 types',
        '- **Catalog Identifier:** doc://T/documentation/T',
        '- **Catalog Title:** T',
        '',
        '## Summary',
        'Does things',
        '',
        '## Discussion',
        '',
        '### Parameters',
        '- `x`: _',
        '',
        '## Relationships',
        '',
        '### Conforms To',
        '- Swift.Equatable',
        '',
      ].join('\n'),
    );
  });

  it('falls back to the lossy decoder without reference resolution', () => {
    const node = {
      identifier: { url: 'doc://T/documentation/T/L' },
      metadata: { title: 'L' },
      abstract: [{ text: 'no type' }, { type: 'codeVoice', code: 'c' }],
      primaryContentSections: [
        {
          kind: 'content',
          content: [{ type: 'heading', level: 2, text: 'H' }, paragraph({ type: 'reference', identifier: 'r' }, text('x'))],
        },
      ],
      topicSections: [{ identifiers: ['dropped'] }, { title: 'Kept', identifiers: ['r'] }],
      references: { r: { title: 'R', url: '/r' } },
    };
    const page = renderSymbol(decodeSymbol(node)!, CATALOG);
    expect(page).to.contain('## Summary\nno type`c`\n');
    expect(page).to.contain('## Discussion\n\n### H\n\nx\n');
    expect(page).to.contain('## Topics\n\n### Kept\n- R\n');
  });
});

describe('swift-compat render-archive tutorial', () => {
  it('renders the derived step example of spec §6.4', () => {
    const node = {
      identifier: { url: 'doc://T/tutorials/T/GettingStarted' },
      kind: 'project',
      metadata: { title: 'Getting Started' },
      sections: [
        { kind: 'hero', content: [paragraph(text('Welcome.'))] },
        {
          kind: 'tasks',
          tasks: [
            {
              title: ' First Task ',
              contentSection: [{ content: [paragraph(text('Section intro.'))] }],
              stepsSection: [{ type: 'step', content: [paragraph(text('Do the thing.'))], code: 'file.swift' }],
            },
            { title: 'Second Task', anchor: 'second' },
          ],
        },
      ],
      references: {
        'file.swift': { fileName: 'GettingStarted.swift', content: ['import Foundation', 'print(1)'] },
        'doc://T/tutorials/T/GettingStarted#second': { abstract: [{ type: 'codeVoice', code: 'run()' }, text('  ')] },
      },
    };
    const tutorial = decodeTutorial(node, { identifier: 'doc://T/tutorials/T/GettingStarted', fileUrl: 'file:///x.json' });
    const chapter = { title: 'Basics', identifiers: ['doc://T/tutorials/T/GettingStarted'] };
    const page = renderChapter({ catalog: { ...CATALOG, topics: [chapter] }, index: 0, chapter, tutorials: [tutorial] });
    expect(page).to.contain(
      [
        '#### Introduction',
        'Welcome.',
        '',
        '#### Steps',
        '1. **First Task**',
        '   - Section intro.',
        '   ##### Step 1',
        '   - Do the thing.',
        '   - **GettingStarted.swift**',
        '   ```swift',
        '   import Foundation',
        '   print(1)',
        '   ```',
        '2. **Second Task**',
        '   - `run()`',
        '',
        '## Navigation',
      ].join('\n'),
    );
  });

  it('rejects render tutorials whose kind is not "project"', () => {
    const node = { identifier: { url: 'doc://T/tutorials/T' }, kind: 'overview', metadata: {} };
    expect(() => decodeTutorial(node, { identifier: 'x', fileUrl: 'file:///t.json' })).to.throw('invalidTutorialPage(file:///t.json)');
  });
});
