// What the rich pipeline keeps of every page between its two passes: enough to build the page
// index, the index file and llms.txt, and to choose the output path. Memory stays bounded by
// these summaries, never by page bodies.
import { renderInline } from './inline.ts';
import { pageModules, pageTitle } from './page-header.ts';
import { asObject, asString } from './types.ts';
import type { JsonObject } from './types.ts';

export interface PageSummary {
  /** `identifier.url`, or the archive path when a page has none. */
  identifier: string;
  /** Archive-relative path of the page's JSON file. */
  source: string;
  title: string;
  /** Plain-text abstract (Markdown inline, one line). */
  abstract: string;
  /** `kind` of the page: symbol, article, overview, project, ... */
  kind: string;
  role: string;
  symbolKind: string;
  roleHeading: string;
  /** First module name, or the technology part of the identifier for tutorials. */
  module: string;
  /** Path components of a doc: identifier (`documentation`, `Module`, `Type`, ...). */
  components: string[];
}

export function summarizePage(page: JsonObject, source: string): PageSummary {
  const metadata = asObject(page.metadata) ?? {};
  const meta = (key: string): string => asString(metadata[key]) ?? '';
  const identifier = asString(asObject(page.identifier)?.url) ?? source;
  const components = docPathComponents(identifier);
  const noLinks = { references: {}, linkToPage: () => undefined, unknown: new Map<string, number>() };
  return {
    identifier,
    source,
    title: pageTitle(page),
    abstract: renderInline(page.abstract, noLinks).replace(/\s+/g, ' ').trim(),
    kind: asString(page.kind) ?? 'unknown',
    role: meta('role'),
    symbolKind: meta('symbolKind'),
    roleHeading: meta('roleHeading'),
    module: pageModules(page)[0] ?? components[1] ?? '',
    components,
  };
}

/** Percent-decoded, non-empty path segments of a `doc:` URL; other identifiers split on "/". */
export function docPathComponents(identifier: string): string[] {
  const withoutScheme = /^doc:/i.test(identifier) ? identifier.replace(/^doc:(\/\/[^/]*)?/i, '') : identifier;
  const pathPart = withoutScheme.split(/[?#]/, 1)[0] ?? '';
  return pathPart
    .split('/')
    .filter((segment) => segment !== '')
    .map(safeDecode);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
