// Tutorial steps: the step's text, the code file it shows (name and content from `references`),
// its media and runtime preview as links, then its caption.
import { renderBlocks } from './blocks.ts';
import { codeFence, codeSpan, joinBlocks, labelled } from './markdown.ts';
import { mediaLink } from './references.ts';
import { asArray, asString, reference } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export function renderStep(node: JsonObject, ctx: RenderContext, headingOffset: number, number?: number): string {
  const label = number === undefined ? '**Step.**' : `**Step ${number}.**`;
  const content = renderBlocks(node.content, ctx, headingOffset);
  return joinBlocks([
    labelled(label, content, ' '),
    codeFile(asString(node.code), ctx),
    media(asString(node.media), ctx),
    media(asString(node.runtimePreview), ctx),
    renderBlocks(node.caption, ctx, headingOffset),
  ]);
}

/** `File: \`Name.swift\`` and the file's code, so the tutorial's code is in the Markdown too. */
export function codeFile(identifier: string | undefined, ctx: RenderContext): string {
  if (identifier === undefined || identifier === '') return '';
  const ref = reference(ctx, identifier);
  const name = asString(ref?.fileName) ?? identifier;
  const lines = asArray(ref?.content).map(String);
  const header = `File: ${codeSpan(name)}`;
  return lines.length === 0 ? header : `${header}\n\n${codeFence(lines.join('\n'), asString(ref?.syntax) ?? '')}`;
}

function media(identifier: string | undefined, ctx: RenderContext): string {
  if (identifier === undefined || identifier === '') return '';
  const type = asString(reference(ctx, identifier)?.type);
  return mediaLink(ctx, identifier, type === 'video' ? 'Video' : 'Image');
}
