// Ordered lists (with `start`), unordered lists (with task-list `checked`), and term lists.
import { renderBlocks } from './blocks.ts';
import { renderInline } from './inline.ts';
import { indentContinuation, labelled, wrapInline } from './markdown.ts';
import { asObject, asObjects } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export function renderUnorderedList(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  return renderItems(node, ctx, headingOffset, () => '- ');
}

export function renderOrderedList(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  const start = typeof node.start === 'number' && Number.isInteger(node.start) ? node.start : 1;
  return renderItems(node, ctx, headingOffset, (index) => `${start + index}. `);
}

function renderItems(node: JsonObject, ctx: RenderContext, headingOffset: number, marker: (index: number) => string): string {
  const items = asObjects(node.items).map((item, index) => {
    const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    const prefix = marker(index);
    const body = renderBlocks(item.content, ctx, headingOffset);
    return prefix + check + indentContinuation(body, ' '.repeat(prefix.length));
  });
  // Items with several blocks need blank lines between items to stay one list.
  const loose = items.some((item) => item.includes('\n\n'));
  return items.join(loose ? '\n\n' : '\n');
}

/** `- **term**: definition`, the definition's further blocks indented under the item. */
export function renderTermList(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  const items = asObjects(node.items).map((item) => {
    const term = wrapInline(renderInline(asObject(item.term)?.inlineContent, ctx).trim(), '**');
    const definition = renderBlocks(asObject(item.definition)?.content, ctx, headingOffset);
    const body = labelled(term, definition);
    return `- ${indentContinuation(body, '  ')}`;
  });
  return items.join(items.some((item) => item.includes('\n\n')) ? '\n\n' : '\n');
}
