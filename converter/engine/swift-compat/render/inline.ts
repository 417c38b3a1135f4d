// The three inline renderers of the Swift CLI (spec §4.10), which differ on purpose: articles
// keep links and strikethrough and trim only at the end; symbols and tutorials trim at every
// level and flatten unknown items to their text.
import { arrayOf, isObject, stringOf } from '../bundle/json.ts';
import type { JsonObject } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';
import type { ReferenceTable } from './references.ts';

export type InlineFlavor = 'article' | 'symbol' | 'tutorial';

type InlineRenderer = (item: JsonObject, references: ReferenceTable) => string;

export function renderInlines(items: unknown, flavor: InlineFlavor, references: ReferenceTable): string {
  const list = arrayOf(items);
  if (!list) return '';
  const { byType, fallback } = RENDERERS[flavor];
  let out = '';
  for (const item of list) {
    if (!isObject(item)) continue;
    const renderer = byType[stringOf(item.type) ?? ''] ?? fallback;
    out += renderer(item, references);
  }
  return flavor === 'article' ? out : swiftTrim(out);
}

const text: InlineRenderer = (item) => stringOf(item.text) ?? '';
const nothing: InlineRenderer = () => '';
const textOrCode: InlineRenderer = (item) => stringOf(item.text) ?? stringOf(item.code) ?? '';
const children =
  (flavor: InlineFlavor): InlineRenderer =>
  (item, references) =>
    renderInlines(item.inlineContent, flavor, references);
const backticked = (code: string | undefined): string => (code ? `\`${code}\`` : '');
const link: InlineRenderer = (item, references) => references.markdownLink(stringOf(item.identifier) ?? '');

const RENDERERS: Record<InlineFlavor, { byType: Record<string, InlineRenderer>; fallback: InlineRenderer }> = {
  article: {
    byType: {
      text,
      // A missing code renders nothing, an empty one renders two backticks.
      codeVoice: (item) => (typeof item.code === 'string' ? `\`${item.code}\`` : ''),
      strong: children('article'),
      emphasis: children('article'),
      strikethrough: (item, references) => `~~${children('article')(item, references)}~~`,
      link: (item, references) => {
        const href = stringOf(item.href);
        const inner = children('article')(item, references);
        return href === undefined ? inner : `[${inner}](${href})`;
      },
      reference: link,
    },
    fallback: (item, references) => (Array.isArray(item.inlineContent) ? children('article')(item, references) : ''),
  },
  symbol: {
    byType: {
      text,
      codeVoice: (item) => backticked(stringOf(item.code) ?? stringOf(item.text)),
      strong: children('symbol'),
      emphasis: children('symbol'),
      link: nothing,
      reference: link,
    },
    fallback: textOrCode,
  },
  tutorial: {
    byType: {
      text,
      codeVoice: (item) => backticked(stringOf(item.code)),
      strong: children('tutorial'),
      emphasis: children('tutorial'),
      link: nothing,
      reference: (item, references) => references.title(stringOf(item.identifier) ?? ''),
    },
    fallback: textOrCode,
  },
};
