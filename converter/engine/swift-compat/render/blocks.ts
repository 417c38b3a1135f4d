// The three block renderers of the Swift CLI (spec §4.10). Each block becomes a list of entries
// (strings that may span lines); pages lay the entries out (§6).
import { arrayOf, isObject, stringOf } from '../bundle/json.ts';
import type { JsonObject } from '../render-profile.ts';
import { capitalizeWords, swiftTrim } from '../../text.ts';
import type { InlineFlavor } from './inline.ts';
import { renderInlines } from './inline.ts';
import type { ReferenceTable } from './references.ts';
import { renderTable } from './table.ts';

export interface BlockContext {
  flavor: InlineFlavor;
  references: ReferenceTable;
  /** Added to heading levels (symbol discussion: +1). */
  headingOffset: number;
}

type BlockRenderer = (block: JsonObject, context: BlockContext) => string[];

const COMMON: Record<string, BlockRenderer> = {
  paragraph: renderParagraph,
  unorderedList: (block, context) => renderList(block, context, () => '-'),
};

const RENDERERS: Record<InlineFlavor, Record<string, BlockRenderer>> = {
  article: {
    ...COMMON,
    heading: (block) => [headingLine(block, 0)],
    orderedList: (block, context) => renderList(block, context, (index) => `${index + 1}.`),
    codeListing: renderCodeListing,
    table: (block, context) => renderTable(block, (cell) => renderBlocks(cell, context)),
    aside: renderArticleAside,
    image: renderImage,
    termList: renderTermList,
  },
  symbol: {
    ...COMMON,
    heading: renderSymbolHeading,
    orderedList: (block, context) => renderList(block, context, (index) => `${index + 1}.`),
    codeListing: renderCodeListing,
    table: (block, context) => renderTable(block, (cell) => renderBlocks(cell, context)),
    aside: renderSymbolAside,
  },
  tutorial: COMMON,
};

/** Renders every block of `blocks` (non-objects skipped) into one flat list of entries. */
export function renderBlocks(blocks: unknown, context: BlockContext): string[] {
  const entries: string[] = [];
  for (const block of arrayOf(blocks) ?? []) {
    if (isObject(block)) entries.push(...renderBlock(block, context));
  }
  return entries;
}

export function renderBlock(block: JsonObject, context: BlockContext): string[] {
  const renderer = RENDERERS[context.flavor][stringOf(block.type) ?? ''];
  return renderer ? renderer(block, context) : [];
}

function renderParagraph(block: JsonObject, context: BlockContext): string[] {
  const text = swiftTrim(renderInlines(block.inlineContent, context.flavor, context.references));
  return text === '' ? [] : [text];
}

export function headingLine(block: JsonObject, offset: number): string {
  const level = typeof block.level === 'number' ? block.level : 2;
  const hashes = '#'.repeat(Math.min(6, Math.max(1, level + offset)));
  return `${hashes} ${swiftTrim(stringOf(block.text) ?? '')}`;
}

function renderSymbolHeading(block: JsonObject, context: BlockContext): string[] {
  if (swiftTrim(stringOf(block.text) ?? '') === '') return [];
  return [headingLine(block, context.headingOffset)];
}

function renderList(block: JsonObject, context: BlockContext, marker: (index: number) => string): string[] {
  return (arrayOf(block.items) ?? []).map((item, index) => {
    const content = isObject(item) ? renderBlocks(item.content, context) : [];
    const text = swiftTrim(content.join(' '));
    return `${marker(index)} ${text === '' ? '_' : text}`;
  });
}

function renderCodeListing(block: JsonObject): string[] {
  const lines = arrayOf(block.code);
  const raw = lines ? lines.filter((line) => typeof line === 'string').join('\n') : (stringOf(block.code) ?? '');
  const code = swiftTrim(raw);
  if (code === '') return [];
  const syntax = swiftTrim(stringOf(block.syntax) ?? 'swift');
  return [`\`\`\`${syntax}\n${code}\n\`\`\``];
}

const ARTICLE_ASIDE_LABELS: Record<string, string> = { warning: 'Warning', important: 'Important', tip: 'Tip' };

function renderArticleAside(block: JsonObject, context: BlockContext): string[] {
  const lines = renderBlocks(block.content, context).flatMap((entry) => entry.split('\n'));
  if (lines.length === 0) return [];
  const label = ARTICLE_ASIDE_LABELS[stringOf(block.style) ?? ''] ?? 'Note';
  return lines.map((line, index) => (index === 0 ? `> **${label}:** ${line}` : `> ${line}`));
}

function renderSymbolAside(block: JsonObject, context: BlockContext): string[] {
  const children = renderBlocks(block.content, context);
  if (children.length === 0) return [];
  const style = swiftTrim(stringOf(block.style) ?? '');
  const label = capitalizeWords(style === '' ? 'note' : style);
  return [`> **${label}:** ${children.join('\n\n').replaceAll('\n', '\n> ')}`];
}

function renderImage(block: JsonObject): string[] {
  const source = stringOf(block.source) ?? '';
  if (source === '') return [];
  return [`![${stringOf(block.altText) ?? 'Image'}](${source})`];
}

function renderTermList(block: JsonObject, context: BlockContext): string[] {
  const entries: string[] = [];
  for (const item of arrayOf(block.items) ?? []) {
    const text = isObject(item) ? swiftTrim(renderBlocks(item.content, context).join(' ')) : '';
    if (text !== '') entries.push(text);
  }
  return entries;
}
