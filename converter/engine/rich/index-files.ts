// `index.md` at the root of the output: per module, the module's overview and its topics first
// (as the module page orders them), then the other top-level pages by kind, then every member
// page once, under the type it belongs to. Titles and relative links throughout, never DocC paths.
import { compareCodePoints } from '../io/archive-reader.ts';
import { escapeText } from './markdown.ts';
import type { IndexedPage, PageIndex } from './page-index.ts';
import { resolveAbstract } from './page-summary.ts';

const SYMBOL_GROUPS: Record<string, string> = {
  module: 'Modules',
  struct: 'Structures',
  class: 'Classes',
  enum: 'Enumerations',
  protocol: 'Protocols',
  case: 'Enumeration Cases',
  init: 'Initializers',
  method: 'Methods',
  property: 'Properties',
  op: 'Operators',
  typealias: 'Type Aliases',
  associatedtype: 'Associated Types',
  subscript: 'Subscripts',
  func: 'Functions',
  var: 'Variables',
  macro: 'Macros',
  dict: 'Dictionaries',
  actor: 'Actors',
  extension: 'Extensions',
};

const PAGE_GROUPS: Record<string, string> = {
  article: 'Articles',
  collectionGroup: 'API Collections',
  collection: 'Collections',
  sampleCode: 'Sample Code',
  overview: 'Tutorial Overviews',
  project: 'Tutorials',
};

/** The group a page is listed under: its symbol kind, or its page role. */
export function pageGroup(page: IndexedPage): string {
  if (page.kind === 'symbol') return SYMBOL_GROUPS[page.symbolKind] ?? (page.roleHeading || 'Symbols');
  if (page.kind === 'overview' || page.kind === 'project') return PAGE_GROUPS[page.kind] as string;
  return PAGE_GROUPS[page.role] ?? PAGE_GROUPS[page.kind] ?? 'Other Pages';
}

/** Links from a file at the output's root (index.md, llms.txt) to a page, by identifier. */
export function rootLinker(index: PageIndex): (identifier: string) => string | undefined {
  return (identifier) => {
    const page = index.find(identifier);
    return page === undefined ? undefined : encodeURI(page.path);
  };
}

export function listItem(page: IndexedPage, index: PageIndex): string {
  const link = `[${escapeText(page.title)}](${encodeURI(page.path)})`;
  const abstract = resolveAbstract(page.abstract, rootLinker(index));
  return abstract === '' ? `- ${link}` : `- ${link}: ${abstract}`;
}

export function groupBy(pages: readonly IndexedPage[], key: (page: IndexedPage) => string): Map<string, IndexedPage[]> {
  const groups = new Map<string, IndexedPage[]>();
  for (const page of pages) {
    const name = key(page);
    const members = groups.get(name);
    if (members === undefined) groups.set(name, [page]);
    else members.push(page);
  }
  return new Map([...groups].sort(([a], [b]) => compareCodePoints(a, b)));
}

export function byModule(pages: readonly IndexedPage[]): Map<string, IndexedPage[]> {
  return groupBy(pages, (page) => page.module || 'Other');
}

/** Members and collections inside a type are secondary; modules, types, articles and tutorials are not. */
export function isPrimary(page: IndexedPage): boolean {
  const standalone = page.role === 'article' || page.kind === 'overview' || page.kind === 'project';
  return standalone || page.components.length <= 3;
}

/** The module (or technology root) page of a module's pages, when the archive has it. */
export function overviewPage(pages: readonly IndexedPage[]): IndexedPage | undefined {
  return pages.find((page) => page.components.length === 2 && page.kind !== 'project' && page.kind !== 'overview');
}

function parentIdentifier(page: IndexedPage): string {
  return page.identifier.slice(0, page.identifier.lastIndexOf('/'));
}

/** The module's overview and its topics; returns the identifiers it listed. */
function renderOverview(pages: readonly IndexedPage[], index: PageIndex, lines: string[]): Set<string> {
  const overview = overviewPage(pages);
  const listed = new Set<string>();
  if (overview === undefined) return listed;
  listed.add(overview.identifier);
  lines.push('', listItem(overview, index));
  for (const topic of overview.topics) {
    const members = topic.identifiers
      .map((identifier) => index.find(identifier))
      .filter((page): page is IndexedPage => page !== undefined && !listed.has(page.identifier));
    if (members.length === 0) continue;
    for (const member of members) listed.add(member.identifier);
    lines.push('', `### ${escapeText(topic.title)}`, '', ...members.map((member) => listItem(member, index)));
  }
  return listed;
}

/** Member pages once each, nested under the type (or page) they belong to. */
function renderMembers(members: readonly IndexedPage[], index: PageIndex, lines: string[]): void {
  if (members.length === 0) return;
  lines.push('', '### Members', '');
  for (const [parent, children] of groupBy(members, parentIdentifier)) {
    const owner = index.find(parent);
    lines.push(owner === undefined ? `- ${escapeText(parent)}` : `- [${escapeText(owner.title)}](${encodeURI(owner.path)})`);
    for (const child of children) lines.push(`  - [${escapeText(child.title)}](${encodeURI(child.path)})`);
  }
}

export function renderIndexFile(index: PageIndex, title: string, summary = ''): string {
  const lines = [`# ${escapeText(title)}`];
  if (summary !== '') lines.push('', `> ${resolveAbstract(summary, rootLinker(index))}`);
  lines.push('', `${index.pages.length} pages. [llms-full.txt](llms-full.txt) holds every page in one file.`);
  for (const [module, pages] of byModule(index.pages)) {
    lines.push('', `## ${escapeText(module)}`);
    const listed = renderOverview(pages, index, lines);
    const rest = pages.filter((page) => !listed.has(page.identifier));
    for (const [group, members] of groupBy(rest.filter(isPrimary), pageGroup)) {
      lines.push('', `### ${group}`, '', ...members.map((member) => listItem(member, index)));
    }
    renderMembers(
      rest.filter((page) => !isPrimary(page)),
      index,
      lines,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Title and summary of the whole output: the single module page, or the list of modules. */
export function describeArchive(index: PageIndex): { title: string; summary: string } {
  const modules = index.pages.filter((page) => page.kind === 'symbol' && page.symbolKind === 'module');
  const roots = modules.length > 0 ? modules : index.pages.filter((page) => page.components.length === 2);
  if (roots.length === 1) return { title: (roots[0] as IndexedPage).title, summary: (roots[0] as IndexedPage).abstract };
  const names = roots.map((page) => page.title);
  return { title: 'Documentation', summary: names.length === 0 ? '' : `Documentation for ${names.join(', ')}.` };
}
