// The archive's page index: identifier → output path of every page the rich profile writes,
// built once before any page is rendered so that every link can point at a generated file.
import path from 'node:path/posix';
import type { SymbolLayout } from '../../../common/contract/conversion-job.ts';
import { compareCodePoints } from '../io/archive-reader.ts';
import type { PageSummary } from './page-summary.ts';

export interface IndexedPage extends PageSummary {
  /** Output-relative path of the generated Markdown, "/"-separated. */
  path: string;
}

export interface PageIndex {
  /** Pages in output order (sorted by identifier). */
  readonly pages: readonly IndexedPage[];
  find(identifier: string): IndexedPage | undefined;
}

const OPERATOR_NAMES: Record<string, string> = {
  '!': 'bang',
  '=': 'equal',
  '<': 'less',
  '>': 'greater',
  '+': 'plus',
  '-': 'minus',
  '*': 'star',
  '/': 'slash',
  '%': 'percent',
  '&': 'and',
  '|': 'or',
  '^': 'caret',
  '~': 'tilde',
  '.': 'dot',
  '?': 'question',
};

/** Lower-case letters, marks and digits joined by "-"; operator names spelled out (`!=` → `bang-equal`). */
export function slugComponent(value: string): string {
  const slug = value
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug !== '') return slug;
  const spelled = [...value].map((ch) => OPERATOR_NAMES[ch]).filter((name) => name !== undefined);
  return spelled.length === 0 ? 'page' : spelled.join('-');
}

/**
 * tree: `markdown/<c1>/<c2>/…/index.md`, one folder per page like DocC's URL tree.
 * single: one flat file per page inside its module folder: `markdown/documentation/<module>/<c3>.<c4>.md`,
 * the module page as `markdown/documentation/<module>/index.md`.
 */
export function pagePath(components: readonly string[], layout: SymbolLayout): string {
  const slugs = components.map(slugComponent);
  if (slugs.length === 0) return 'markdown/index.md';
  if (layout === 'tree' || slugs.length <= 2) return `markdown/${slugs.join('/')}/index.md`;
  return `markdown/${slugs.slice(0, 2).join('/')}/${slugs.slice(2).join('.')}.md`;
}

/** Assigns paths in identifier order; a later page whose path is taken gets `-2`, `-3`, ... */
export function buildPageIndex(summaries: readonly PageSummary[], layout: SymbolLayout): PageIndex {
  const sorted = [...summaries].sort((a, b) => compareCodePoints(a.identifier, b.identifier) || compareCodePoints(a.source, b.source));
  const taken = new Set<string>();
  const byIdentifier = new Map<string, IndexedPage>();
  const byLowerIdentifier = new Map<string, IndexedPage>();
  const pages = sorted.map((summary) => {
    const page = { ...summary, path: uniquePath(pagePath(summary.components, layout), taken) };
    if (!byIdentifier.has(page.identifier)) byIdentifier.set(page.identifier, page);
    if (!byLowerIdentifier.has(page.identifier.toLowerCase())) byLowerIdentifier.set(page.identifier.toLowerCase(), page);
    return page;
  });
  return {
    pages,
    find: (identifier) => byIdentifier.get(identifier) ?? byLowerIdentifier.get(identifier.toLowerCase()),
  };
}

function uniquePath(wanted: string, taken: Set<string>): string {
  let candidate = wanted;
  for (let n = 2; taken.has(candidate); n += 1) {
    candidate = wanted.endsWith('/index.md') ? `${wanted.slice(0, -'/index.md'.length)}-${n}/index.md` : `${wanted.slice(0, -3)}-${n}.md`;
  }
  taken.add(candidate);
  return candidate;
}

/** The link from one generated file to another (or to an anchor in it). */
export function relativeLink(fromPath: string, toPath: string, fragment?: string): string {
  return linksFrom(fromPath)(toPath, fragment);
}

/**
 * Links from one generated file: its folders are split once per page, and each link is string
 * arithmetic on "/"-separated paths (path.relative resolves both against the working directory
 * first, which cost several times more per link; issue 14). Paths with empty, `.` or `..`
 * segments go through path.relative, so the result is the same for every input.
 */
export function linksFrom(fromPath: string): (toPath: string, fragment?: string) => string {
  const segments = fromPath.split('/');
  const folders = segments.slice(0, -1);
  const plain = isPlainPath(segments);
  return (toPath, fragment) => {
    const target = toPath.split('/');
    const relative = plain && isPlainPath(target) ? relativeSegments(folders, target) : path.relative(path.dirname(fromPath), toPath);
    return fragment === undefined || fragment === '' ? relative : `${relative}#${fragment.toLowerCase()}`;
  };
}

function isPlainPath(segments: readonly string[]): boolean {
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** `..` for each folder below the common ancestor, then the rest of the target. */
function relativeSegments(folders: readonly string[], target: readonly string[]): string {
  let common = 0;
  while (common < folders.length && common < target.length && folders[common] === target[common]) common += 1;
  const up: string[] = new Array<string>(folders.length - common).fill('..');
  return [...up, ...target.slice(common)].join('/');
}
