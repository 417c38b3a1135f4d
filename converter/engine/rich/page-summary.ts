// What the rich pipeline keeps of every page between its two passes: enough to build the page
// index, the index file and llms.txt, and to choose the output path. Memory stays bounded by
// these summaries, never by page bodies.
import { renderInline } from './inline.ts';
import { pageModules, pageTitle } from './page-header.ts';
import { asArray, asObject, asObjects, asString } from './types.ts';
import type { JsonObject } from './types.ts';

export interface PageSummary {
  /** `identifier.url`, or the archive path when a page has none. */
  identifier: string;
  /** Archive-relative path of the page's JSON file. */
  source: string;
  title: string;
  /**
   * Abstract as one line of inline Markdown; links to other pages are `[title](d2c-page:<id>)`
   * until resolveAbstract() turns them into links relative to the file that shows them.
   */
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
  /** Module and technology-root pages only: their topic sections, for index.md's overview. */
  topics: TopicGroup[];
}

export interface TopicGroup {
  title: string;
  identifiers: string[];
}

/** Topic sections of a module or a technology root (a few pages per archive: memory stays flat). */
function overviewTopics(page: JsonObject, components: readonly string[]): TopicGroup[] {
  if (components.length > 2) return [];
  return asObjects(page.topicSections).map((section) => ({
    title: asString(section.title) ?? 'Topics',
    identifiers: asArray(section.identifiers)
      .map(asString)
      .filter((id): id is string => id !== undefined),
  }));
}

export function summarizePage(page: JsonObject, source: string): PageSummary {
  const metadata = asObject(page.metadata) ?? {};
  const meta = (key: string): string => asString(metadata[key]) ?? '';
  const identifier = asString(asObject(page.identifier)?.url) ?? source;
  const components = docPathComponents(identifier);
  // The page's own references give titles; where they point is known only once the index exists.
  const deferredLinks = {
    references: asObject(page.references) ?? {},
    linkToPage: (target: string) => `${PAGE_LINK}${encodeURIComponent(target)}`,
    unknown: new Map<string, number>(),
  };
  return {
    identifier,
    source,
    title: pageTitle(page),
    abstract: renderInline(page.abstract, deferredLinks).replace(/\s+/g, ' ').trim(),
    kind: asString(page.kind) ?? 'unknown',
    role: meta('role'),
    symbolKind: meta('symbolKind'),
    roleHeading: meta('roleHeading'),
    module: pageModules(page)[0] ?? components[1] ?? '',
    components,
    topics: overviewTopics(page, components),
  };
}

const PAGE_LINK = 'd2c-page:';
const DEFERRED_LINK = /\[((?:[^\]\\]|\\.)*)\]\(d2c-page:([^)\s]*)\)/g;

/**
 * A summary's abstract with its page links resolved by `linkTo` (a relative link, or undefined to
 * keep just the title): index.md and llms.txt show titles and links, never raw DocC paths.
 */
export function resolveAbstract(abstract: string, linkTo: (identifier: string) => string | undefined): string {
  return abstract.replace(DEFERRED_LINK, (_match, title: string, encoded: string) => {
    const target = linkTo(safeDecode(encoded));
    return target === undefined ? title : `[${title}](${target})`;
  });
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
