// Blocks that hold other blocks or point at references: asides, rows, tab navigators, links
// blocks, images and videos, small print.
import { renderBlocks } from './blocks.ts';
import { renderInline } from './inline.ts';
import { escapeText, joinBlocks, labelled, prefixLines, singleLine } from './markdown.ts';
import { mediaLink, referenceLink } from './references.ts';
import { asObject, asObjects, asString, asStrings, reference } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

/** `> **Name:** text`; the label is the aside's own `name` (Throws, custom) or its style. */
export function renderAside(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  const label = asideLabel(node);
  const body = renderBlocks(node.content, ctx, headingOffset);
  const first = `**${escapeText(label)}:**`;
  return prefixLines(labelled(first, body, ' '), '> ');
}

export function asideLabel(node: JsonObject): string {
  const name = (asString(node.name) ?? '').trim();
  if (name !== '') return name;
  const style = (asString(node.style) ?? 'note').trim() || 'note';
  return style.replace(/(^|\s)\p{Ll}/gu, (letter) => letter.toUpperCase());
}

/** Columns one after another: Markdown has no side-by-side layout. */
export function renderRow(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  return joinBlocks(asObjects(node.columns).map((column) => renderBlocks(column.content, ctx, headingOffset)));
}

/** Every tab, titled, since a reader of Markdown cannot switch tabs. */
export function renderTabNavigator(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  return joinBlocks(
    asObjects(node.tabs).map((tab) =>
      joinBlocks([`**${escapeText(asString(tab.title) ?? '')}**`, renderBlocks(tab.content, ctx, headingOffset)]),
    ),
  );
}

/** A links block: one list item per topic, with its abstract. */
export function renderLinksBlock(node: JsonObject, ctx: RenderContext): string {
  return asStrings(node.items)
    .map((identifier) => topicListItem(identifier, ctx))
    .join('\n');
}

/**
 * `- [Title](link): abstract` — also used by topics, see also and relationships. Rendered once per
 * page and identifier: a hostile page repeating one reference with a large abstract costs one
 * rendering, and every use is charged to the output cap before the list is joined.
 */
export function topicListItem(identifier: string, ctx: RenderContext): string {
  let item = ctx.topicItems?.get(identifier);
  if (item === undefined) {
    item = renderTopicListItem(identifier, ctx);
    ctx.topicItems?.set(identifier, item);
  }
  ctx.charge?.(item.length + 1);
  return item;
}

function renderTopicListItem(identifier: string, ctx: RenderContext): string {
  const abstract = singleLine(renderInline(reference(ctx, identifier)?.abstract, ctx));
  const link = referenceLink(ctx, identifier);
  return abstract === '' ? `- ${link}` : `- ${link}: ${abstract}`;
}

/** Image or video block: a link with its alt text, then the caption from `metadata`. */
export function renderMediaBlock(node: JsonObject, ctx: RenderContext, label: 'Image' | 'Video'): string {
  const identifier = asString(node.identifier) ?? '';
  if (identifier === '') return '';
  const metadata = asObject(node.metadata);
  const title = asString(metadata?.title);
  const caption = renderInline(metadata?.abstract, ctx).trim();
  return joinBlocks([mediaLink(ctx, identifier, label), title === undefined ? '' : `*${escapeText(title)}*`, caption]);
}

export function renderSmall(node: JsonObject, ctx: RenderContext): string {
  return renderInline(node.inlineContent, ctx).trim();
}
