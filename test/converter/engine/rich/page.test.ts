import { expect } from 'chai';
import { renderPageBody } from '../../../../converter/engine/rich/page.ts';
import { testContext } from './support/context.ts';

const text = (value: string) => ({ type: 'text', text: value });
const p = (value: string) => ({ type: 'paragraph', inlineContent: [text(value)] });
const tokens = (...values: string[]) => values.map((value) => ({ kind: 'text', text: value }));

const OTHER = 'doc://K/documentation/K/Other';

const symbolPage = {
  kind: 'symbol',
  identifier: { url: 'doc://K/documentation/K/Mode', interfaceLanguage: 'swift' },
  metadata: {
    title: 'Mode',
    roleHeading: 'Enumeration',
    modules: [{ name: 'K' }],
    platforms: [
      { name: 'iOS', introducedAt: '13.0' },
      { name: 'macOS', introducedAt: '10.15', deprecatedAt: '12.0', beta: true },
      { name: 'tvOS', introducedAt: '13.0', deprecatedAt: '100000.0' },
    ],
  },
  abstract: [text('How things run.')],
  deprecationSummary: [p('Use Other instead.')],
  primaryContentSections: [
    { kind: 'declarations', declarations: [{ languages: ['swift'], platforms: ['iOS'], tokens: tokens('enum ', 'Mode') }] },
    {
      kind: 'possibleValues',
      values: [
        { name: 'fast', content: [p('Quick.')] },
        { name: 'slow', content: [] },
      ],
    },
    { kind: 'mentions', mentions: [OTHER] },
  ],
  defaultImplementationsSections: [{ title: 'Equatable Implementations', identifiers: [OTHER] }],
  variantOverrides: [
    {
      traits: [{ interfaceLanguage: 'occ' }],
      patch: [
        {
          op: 'replace',
          path: '/primaryContentSections/0/declarations/0',
          value: { languages: ['occ'], tokens: tokens('typedef enum Mode') },
        },
      ],
    },
  ],
};

describe('renderPageBody', () => {
  describe('when given a symbol page with every symbol section', () => {
    it('renders header, declarations in both languages, possible values, mentions and default implementations', () => {
      const ctx = testContext({ [OTHER]: { type: 'topic', kind: 'article', title: 'Other', url: '/documentation/k/other' } });
      expect(renderPageBody(symbolPage, ctx)).to.equal(
        [
          '# Mode',
          '*Enumeration · K*',
          'How things run.',
          '> **Deprecated:** Use Other instead.',
          '**Availability:** iOS 13.0+, macOS 10.15–12.0 (deprecated) (beta), tvOS 13.0+ (to be deprecated)',
          '## Declaration',
          '```swift\nenum Mode\n```',
          'Objective-C:\n\n```objc\ntypedef enum Mode\n```',
          '## Possible Values',
          '- `fast`: Quick.\n- `slow`',
          '## Mentioned In',
          '- [Other](/documentation/k/other)',
          '## Default Implementations',
          '### Equatable Implementations',
          '- [Other](/documentation/k/other)',
        ].join('\n\n') + '\n',
      );
    });
  });

  describe('when given a section kind it does not know', () => {
    it('keeps the section text and counts it', () => {
      const ctx = testContext();
      const md = renderPageBody(
        { metadata: { title: 'T' }, primaryContentSections: [{ kind: 'hologram', title: 'Beam', content: [p('Glow.')] }] },
        ctx,
      );
      expect(md).to.equal('# T\n\nBeam\n\nGlow.\n');
      expect(ctx.unknown.get('section:hologram')).to.equal(1);
    });
  });
});
