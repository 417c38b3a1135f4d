// The two files at the root of the output: `index.md` (every page's title, abstract and link,
// grouped by module and kind) and `llms.txt` (the llms.txt convention: H1, summary quote, H2
// sections of links, secondary pages under "Optional").
import { compareCodePoints } from '../io/archive-reader.ts';
import { escapeText } from './markdown.ts';
import type { IndexedPage, PageIndex } from './page-index.ts';

const SYMBOL_GROUPS: Record<string, string> = {
  module: 'Modules', struct: 'Structures', class: 'Classes', enum: 'Enumerations', protocol: 'Protocols',
  case: 'Enumeration Cases', init: 'Initializers', method: 'Methods', property: 'Properties', op: 'Operators',
  typealias: 'Type Aliases', associatedtype: 'Associated Types', subscript: 'Subscripts', func: 'Functions',
  var: 'Variables', macro: 'Macros', dict: 'Dictionaries', actor: 'Actors', extension: 'Extensions',
};

const PAGE_GROUPS: Record<string, string> = {
  article: 'Articles', collectionGroup: 'API Collections', collection: 'Collections', sampleCode: 'Sample Code',
  overview: 'Tutorial Overviews', project: 'Tutorials',
};

/** The group a page is listed under: its symbol kind, or its page role. */
export function pageGroup(page: IndexedPage): string {
  if (page.kind === 'symbol') return SYMBOL_GROUPS[page.symbolKind] ?? (page.roleHeading || 'Symbols');
  if (page.kind === 'overview' || page.kind === 'project') return PAGE_GROUPS[page.kind] as string;
  return PAGE_GROUPS[page.role] ?? PAGE_GROUPS[page.kind] ?? 'Other Pages';
}

function listItem(page: IndexedPage): string {
  const link = `[${escapeText(page.title)}](${encodeURI(page.path)})`;
  return page.abstract === '' ? `- ${link}` : `- ${link}: ${page.abstract}`;
}

function groupBy(pages: readonly IndexedPage[], key: (page: IndexedPage) => string): Map<string, IndexedPage[]> {
  const groups = new Map<string, IndexedPage[]>();
  for (const page of pages) {
    const name = key(page);
    const members = groups.get(name);
    if (members === undefined) groups.set(name, [page]);
    else members.push(page);
  }
  return new Map([...groups].sort(([a], [b]) => compareCodePoints(a, b)));
}

function byModule(pages: readonly IndexedPage[]): Map<string, IndexedPage[]> {
  return groupBy(pages, (page) => page.module || 'Other');
}

export function renderIndexFile(index: PageIndex, title: string): string {
  const lines = [`# ${escapeText(title)}`, '', `${index.pages.length} pages.`];
  for (const [module, pages] of byModule(index.pages)) {
    lines.push('', `## ${escapeText(module)}`);
    for (const [group, members] of groupBy(pages, pageGroup)) {
      lines.push('', `### ${group}`, '', ...members.map(listItem));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Members and collections inside a type are secondary: they go under "## Optional" in llms.txt. */
function isPrimary(page: IndexedPage): boolean {
  const standalone = page.role === 'article' || page.kind === 'overview' || page.kind === 'project';
  return standalone || page.components.length <= 3;
}

export function renderLlmsTxt(index: PageIndex, title: string, summary: string): string {
  const lines = [`# ${escapeText(title)}`];
  if (summary !== '') lines.push('', `> ${summary}`);
  for (const [module, pages] of byModule(index.pages.filter(isPrimary))) {
    lines.push('', `## ${escapeText(module)}`, '', ...pages.map(listItem));
  }
  const optional = index.pages.filter((page) => !isPrimary(page));
  if (optional.length > 0) lines.push('', '## Optional', '', ...optional.map(listItem));
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
