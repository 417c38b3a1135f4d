// Block content (RenderBlockContent) → Markdown. Dispatches on `type` (or `kind`, which real
// tutorials and older archives use); unknown blocks keep their text through fallbackBlock.
import { renderAside, renderSmall, renderTabNavigator, renderRow, renderLinksBlock, renderMediaBlock } from './containers.ts';
import { renderDictionaryExample, renderEndpointExample } from './examples.ts';
import { renderInline } from './inline.ts';
import { renderOrderedList, renderTermList, renderUnorderedList } from './lists.ts';
import { codeFence, escapeLineStart, escapeText, joinBlocks } from './markdown.ts';
import { renderStep } from './steps.ts';
import { renderTable } from './table.ts';
import { asArray, asObject, asObjects, asString, countUnknown, isObject, nodeType } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

/** Renders a list of blocks; `headingOffset` shifts heading levels (nested contexts). */
export function renderBlocks(blocks: unknown, ctx: RenderContext, headingOffset = 0): string {
  return joinBlocks(asObjects(blocks).map((block) => renderBlock(block, ctx, headingOffset)));
}

export type BlockRenderer = (node: JsonObject, ctx: RenderContext, headingOffset: number) => string;

const BLOCKS: Record<string, BlockRenderer> = {
  paragraph: (node, ctx) => escapeLineStart(renderInline(node.inlineContent, ctx).trim()),
  heading: renderHeading,
  codeListing: (node) => renderCodeListing(node),
  aside: renderAside,
  orderedList: renderOrderedList,
  unorderedList: renderUnorderedList,
  termList: renderTermList,
  table: renderTable,
  row: renderRow,
  tabNavigator: renderTabNavigator,
  links: (node, ctx) => renderLinksBlock(node, ctx),
  image: (node, ctx) => renderMediaBlock(node, ctx, 'Image'),
  video: (node, ctx) => renderMediaBlock(node, ctx, 'Video'),
  small: (node, ctx) => renderSmall(node, ctx),
  thematicBreak: () => '---',
  dictionaryExample: renderDictionaryExample,
  endpointExample: renderEndpointExample,
  step: (node, ctx, offset) => renderStep(node, ctx, offset),
  // Tutorial layouts (`kind`) hold blocks of their own.
  contentAndMedia: renderLayout,
  fullWidth: renderLayout,
  columns: renderLayout,
};

export function renderBlock(node: JsonObject, ctx: RenderContext, headingOffset = 0): string {
  const type = nodeType(node);
  const renderer = Object.hasOwn(BLOCKS, type) ? BLOCKS[type] : undefined;
  if (renderer !== undefined) return withCaption(renderer(node, ctx, headingOffset), node, ctx);
  countUnknown(ctx.unknown, `block:${type || '(none)'}`);
  return fallbackBlock(node, ctx, headingOffset);
}

/** Tables and code listings may carry a caption in `metadata` (title and abstract). */
function withCaption(rendered: string, node: JsonObject, ctx: RenderContext): string {
  const metadata = asObject(node.metadata);
  if (metadata === undefined || rendered === '' || node.type === 'image' || node.type === 'video') return rendered;
  const title = asString(metadata.title) ?? '';
  const abstract = renderInline(metadata.abstract, ctx).trim();
  const caption = [escapeText(title), abstract].filter((part) => part !== '').join(': ');
  return caption === '' ? rendered : `${rendered}\n\n*${caption}*`;
}

export function headingLine(level: number, text: string): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}

function renderHeading(node: JsonObject, _ctx: RenderContext, headingOffset: number): string {
  const text = (asString(node.text) ?? '').trim();
  const level = typeof node.level === 'number' ? node.level : 2;
  return text === '' ? '' : headingLine(level + headingOffset, escapeText(text));
}

export function renderCodeListing(node: JsonObject): string {
  const code = Array.isArray(node.code) ? asArray(node.code).map(String).join('\n') : (asString(node.code) ?? '');
  if (code.trim() === '') return '';
  return codeFence(code, (asString(node.syntax) ?? '').trim());
}

function renderLayout(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  const media = asString(node.media);
  const content = renderBlocks(node.content, ctx, headingOffset);
  return joinBlocks([content, media === undefined ? '' : renderMediaBlock({ identifier: media }, ctx, 'Image')]);
}

const TEXT_KEYS = new Set(['text', 'title', 'name', 'code', 'abstract']);

/** Keeps the text of a node nobody taught us: strings under text-like keys, children recursively. */
export function fallbackBlock(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'inlineContent') parts.push(renderInline(value, ctx));
    else if (typeof value === 'string' && TEXT_KEYS.has(key)) parts.push(escapeText(value));
    else if (Array.isArray(value)) parts.push(fallbackArray(key, value, ctx, headingOffset));
    else if (isObject(value)) parts.push(fallbackBlock(value, ctx, headingOffset));
  }
  return joinBlocks(parts);
}

function fallbackArray(key: string, values: unknown[], ctx: RenderContext, headingOffset: number): string {
  if (key === 'code' || key === 'lines') return codeFence(values.map(String).join('\n'));
  const strings = values.filter((value): value is string => typeof value === 'string');
  const objects = asObjects(values).map((value) => renderBlock(value, ctx, headingOffset));
  return joinBlocks([TEXT_KEYS.has(key) ? escapeText(strings.join(' ')) : '', ...objects]);
}
