// Inline content (RenderInlineContent) → Markdown. Every type of the schema plus the
// non-standard ones seen in real output; an unknown type keeps its text and is counted.
import { codeSpan, escapeText, wrapInline } from './markdown.ts';
import { mediaLink, referenceLink } from './references.ts';
import { asArray, asString, countUnknown, isObject, nodeType } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export function renderInline(nodes: unknown, ctx: RenderContext): string {
  let out = '';
  for (const node of asArray(nodes)) {
    if (isObject(node)) out += renderInlineNode(node, ctx);
  }
  return out;
}

type InlineRenderer = (node: JsonObject, ctx: RenderContext) => string;

const children = (node: JsonObject, ctx: RenderContext): string => renderInline(node.inlineContent, ctx);

const INLINE: Record<string, InlineRenderer> = {
  text: (node) => escapeText(asString(node.text) ?? ''),
  codeVoice: (node) => codeSpan(asString(node.code) ?? asString(node.text) ?? ''),
  emphasis: (node, ctx) => wrapInline(children(node, ctx), '*'),
  italic: (node, ctx) => wrapInline(children(node, ctx), '*'),
  strong: (node, ctx) => wrapInline(children(node, ctx), '**'),
  strikethrough: (node, ctx) => wrapInline(children(node, ctx), '~~'),
  newTerm: (node, ctx) => wrapInline(children(node, ctx), '*'),
  inlineHead: (node, ctx) => wrapInline(children(node, ctx), '**'),
  subscript: (node, ctx) => `<sub>${children(node, ctx)}</sub>`,
  superscript: (node, ctx) => `<sup>${children(node, ctx)}</sup>`,
  reference: renderReference,
  link: renderLink,
  image: (node, ctx) => mediaLink(ctx, asString(node.identifier) ?? '', 'Image'),
};

function renderInlineNode(node: JsonObject, ctx: RenderContext): string {
  const type = nodeType(node);
  const renderer = Object.hasOwn(INLINE, type) ? INLINE[type] : undefined;
  if (renderer !== undefined) return renderer(node, ctx);
  countUnknown(ctx.unknown, `inline:${type || '(none)'}`);
  return fallbackInline(node, ctx);
}

function renderReference(node: JsonObject, ctx: RenderContext): string {
  const identifier = asString(node.identifier) ?? '';
  const overridingTitle = asString(node.overridingTitle);
  return referenceLink(ctx, identifier, { overridingTitle, active: node.isActive !== false });
}

/** Schema shape `{title, destination}`; older output uses `inlineContent` + `href`. */
function renderLink(node: JsonObject, ctx: RenderContext): string {
  const destination = asString(node.destination) ?? asString(node.href) ?? '';
  const label = Array.isArray(node.inlineContent) ? children(node, ctx) : escapeText(asString(node.title) ?? destination);
  return destination === '' ? label : `[${label || escapeText(destination)}](${destination})`;
}

/** Unknown inline node: its children, or its own text, so no words are lost. */
function fallbackInline(node: JsonObject, ctx: RenderContext): string {
  if (Array.isArray(node.inlineContent)) return children(node, ctx);
  const code = asString(node.code);
  if (code !== undefined) return codeSpan(code);
  return escapeText(asString(node.text) ?? asString(node.title) ?? '');
}
