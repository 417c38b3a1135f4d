// REST and dictionary examples: their summary, then each code example as a fenced block.
import { renderBlocks } from './blocks.ts';
import { codeFence, joinBlocks } from './markdown.ts';
import { asArray, asObject, asObjects, asString } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export function renderDictionaryExample(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  return joinBlocks([renderBlocks(node.summary, ctx, headingOffset), codeExample(asObject(node.example))]);
}

export function renderEndpointExample(node: JsonObject, ctx: RenderContext, headingOffset: number): string {
  return joinBlocks([
    renderBlocks(node.summary, ctx, headingOffset),
    labelled('Request', codeExample(asObject(node.request))),
    labelled('Response', codeExample(asObject(node.response))),
  ]);
}

function labelled(label: string, body: string): string {
  return body === '' ? '' : `**${label}**\n\n${body}`;
}

function codeExample(example: JsonObject | undefined): string {
  if (example === undefined) return '';
  const syntax = asString(example.syntax) ?? '';
  const code = asObjects(example.content)
    .map((part) => asArray(part.code).map(String).join('\n'))
    .join('\n');
  return code.trim() === '' ? '' : codeFence(code, syntax);
}
