// The top of every page: title, role and module, abstract, deprecation, availability and the
// sample-code download.
import { renderBlocks } from './blocks.ts';
import { renderVariantTitles } from './declarations.ts';
import { renderInline } from './inline.ts';
import { escapeText, joinBlocks, prefixLines } from './markdown.ts';
import { asObject, asObjects, asString } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

export function pageTitle(page: JsonObject): string {
  return asString(asObject(page.metadata)?.title) ?? asString(asObject(page.identifier)?.url) ?? 'Untitled';
}

export function pageModules(page: JsonObject): string[] {
  return asObjects(asObject(page.metadata)?.modules)
    .map((module) => asString(module.name) ?? '')
    .filter((name) => name !== '');
}

export function renderHeader(page: JsonObject, ctx: RenderContext): string {
  return joinBlocks([
    `# ${escapeText(pageTitle(page))}`,
    renderVariantTitles(page),
    roleLine(page),
    renderInline(page.abstract, ctx).trim(),
    renderDeprecation(page, ctx),
    renderAvailability(page),
    renderDownload(page, ctx),
    renderBlocks(page.downloadNotAvailableSummary, ctx, 2),
  ]);
}

/** `*Structure · SlothCreator*`: what the page is and where it belongs. */
function roleLine(page: JsonObject): string {
  const metadata = asObject(page.metadata);
  const role = asString(metadata?.roleHeading) ?? '';
  const modules = pageModules(page).filter((name) => name !== pageTitle(page));
  const parts = [role, ...modules].filter((part) => part !== '');
  return parts.length === 0 ? '' : `*${escapeText(parts.join(' · '))}*`;
}

function renderDeprecation(page: JsonObject, ctx: RenderContext): string {
  if (!Array.isArray(page.deprecationSummary)) return '';
  const body = renderBlocks(page.deprecationSummary, ctx, 2);
  return prefixLines(body === '' ? '**Deprecated**' : `**Deprecated:** ${body}`, '> ');
}

/** `**Availability:** iOS 13.0+, macOS 10.15–12.0 (deprecated) (beta)` from `metadata.platforms`. */
export function renderAvailability(page: JsonObject): string {
  const platforms = asObjects(asObject(page.metadata)?.platforms)
    .map(platformText)
    .filter((text) => text !== '');
  return platforms.length === 0 ? '' : `**Availability:** ${escapeText(platforms.join(', '))}`;
}

function platformText(platform: JsonObject): string {
  const name = asString(platform.name);
  if (name === undefined) return platform.deprecated === true ? 'deprecated' : '';
  const renamed = asString(platform.renamed);
  const notes = [platformStatus(platform), platform.beta === true ? '(beta)' : '', renamed === undefined ? '' : `(renamed: ${renamed})`];
  return [versionRange(name, platform), ...notes].filter((part) => part !== '').join(' ');
}

// DocC writes 100000.0 for "deprecated in some future version" (API_TO_BE_DEPRECATED): no end.
const FUTURE_VERSION = /^100000(\.|$)/;

/** A deprecation version that really happened, or undefined. */
function deprecatedVersion(platform: JsonObject): string | undefined {
  const version = asString(platform.deprecatedAt);
  return version === undefined || FUTURE_VERSION.test(version) ? undefined : version;
}

function versionRange(name: string, platform: JsonObject): string {
  const introduced = asString(platform.introducedAt);
  const deprecatedAt = deprecatedVersion(platform);
  if (introduced === undefined) return name;
  return deprecatedAt === undefined ? `${name} ${introduced}+` : `${name} ${introduced}–${deprecatedAt}`;
}

function platformStatus(platform: JsonObject): string {
  if (platform.unavailable === true || platform.unconditionallyUnavailable === true) return '(unavailable)';
  const deprecated = deprecatedVersion(platform) !== undefined || platform.deprecated === true;
  if (deprecated || platform.unconditionallyDeprecated === true) return '(deprecated)';
  return asString(platform.deprecatedAt) === undefined ? '' : '(to be deprecated)';
}

/** Sample-code pages: the download button becomes a link. */
function renderDownload(page: JsonObject, ctx: RenderContext): string {
  const action = asObject(asObject(page.sampleCodeDownload)?.action);
  if (action === undefined) return '';
  const link = renderInline([action], ctx).trim();
  return link === '' ? '' : `**Download:** ${link}`;
}
