// Links built from a page's `references`: topic references become relative links to the
// generated `.md` file when that page is written, or keep their DocC path when it is not; a
// missing reference entry degrades to its identifier, never to an error.
import { codeSpan, escapeText } from './markdown.ts';
import { asArray, asObject, asString, reference } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export interface LinkOptions {
  overridingTitle?: string;
  /** false renders the title without a link (inactive references). */
  active?: boolean;
}

/** `[title](target)` for any reference identifier. */
export function referenceLink(ctx: RenderContext, identifier: string, options: LinkOptions = {}): string {
  const ref = reference(ctx, identifier);
  const title = referenceTitle(ref, identifier, options.overridingTitle);
  const target = options.active === false ? undefined : referenceTarget(ctx, ref, identifier);
  return target === undefined ? title : `[${title}](${escapeUrl(target)})`;
}

/** The title as Markdown: symbols in code voice, like DocC renders them. */
export function referenceTitle(ref: JsonObject | undefined, identifier: string, overridingTitle?: string): string {
  const plain = overridingTitle ?? asString(ref?.title) ?? asString(ref?.fileName) ?? fallbackTitle(identifier);
  const isSymbol = overridingTitle === undefined && asString(ref?.kind) === 'symbol';
  return isSymbol ? codeSpan(plain) : escapeText(plain);
}

function fallbackTitle(identifier: string): string {
  const withoutScheme = identifier.replace(/^doc:\/\/[^/]*/, '');
  return withoutScheme === '' ? identifier : withoutScheme;
}

/** Where a reference points to, or undefined when it has no usable destination. */
export function referenceTarget(ctx: RenderContext, ref: JsonObject | undefined, identifier: string): string | undefined {
  const type = asString(ref?.type);
  if (type === 'unresolvable') return undefined;
  if (type === 'image' || type === 'video') return localMedia(ctx, mediaUrl(ref));
  if (type === undefined || type === 'topic' || type === 'section') {
    const local = ctx.linkToPage(identifier);
    if (local !== undefined) return local;
  }
  return nonEmpty(asString(ref?.url));
}

/** The first variant URL of an image or video reference. */
export function mediaUrl(ref: JsonObject | undefined): string | undefined {
  const variant = asObject(asArray(ref?.variants)[0]);
  return nonEmpty(asString(variant?.url)) ?? nonEmpty(asString(ref?.identifier));
}

/** A media URL as a relative link to its copy in the output, when the archive has the file. */
function localMedia(ctx: RenderContext, url: string | undefined): string | undefined {
  return url === undefined ? undefined : (ctx.linkToMedia?.(url) ?? url);
}

/** `[Image: alt](url)`: to the copy in the output, or to the DocC URL when the archive lacks the file. */
export function mediaLink(ctx: RenderContext, identifier: string, label: 'Image' | 'Video'): string {
  const ref = reference(ctx, identifier);
  const alt = nonEmpty(asString(ref?.alt)) ?? identifier;
  const url = localMedia(ctx, mediaUrl(ref)) ?? identifier;
  return `[${label}: ${escapeText(alt)}](${escapeUrl(url)})`;
}

export function escapeUrl(url: string): string {
  return url.replace(/[ ()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
