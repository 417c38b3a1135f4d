// The llms.txt convention (llmstxt.org): `llms.txt` is a curated map — H1 title, a summary quote,
// H2 sections of the most useful links (each module's overview, topics and top-level pages),
// and an "Optional" section pointing at the complete lists — while `llms-full.txt` holds every
// page's Markdown, concatenated in output order.
import { escapeText } from './markdown.ts';
import type { IndexedPage, PageIndex } from './page-index.ts';
import { byModule, isPrimary, listItem, overviewPage, rootLinker } from './index-files.ts';
import { resolveAbstract } from './page-summary.ts';

export const LLMS_FULL_FILE = 'llms-full.txt';

/** A module's most useful pages: its overview, then its top-level pages, each title once. */
function curated(pages: readonly IndexedPage[]): IndexedPage[] {
  const overview = overviewPage(pages);
  const seen = new Set<string>();
  const picked: IndexedPage[] = [];
  for (const page of [...(overview ? [overview] : []), ...pages.filter(isPrimary)]) {
    const key = `${page.title}\u0000${page.components.length}`;
    if (seen.has(key) || seen.has(page.identifier)) continue;
    seen.add(key);
    seen.add(page.identifier);
    picked.push(page);
  }
  return picked;
}

export function renderLlmsTxt(index: PageIndex, title: string, summary: string): string {
  const lines = [`# ${escapeText(title)}`];
  if (summary !== '') lines.push('', `> ${resolveAbstract(summary, rootLinker(index))}`);
  for (const [module, pages] of byModule(index.pages)) {
    lines.push('', `## ${escapeText(module)}`, '', ...curated(pages).map((page) => listItem(page, index)));
  }
  lines.push(
    '',
    '## Optional',
    '',
    `- [Index](index.md): all ${index.pages.length} pages, members grouped under their types`,
    `- [Full text](${LLMS_FULL_FILE}): every page's Markdown in one file`,
  );
  return `${lines.join('\n')}\n`;
}

/** One page's part of llms-full.txt: a rule and its path, so each part says where it comes from. */
export function llmsFullPart(path: string, markdown: string): string {
  return `<!-- ${path} -->\n\n${markdown.endsWith('\n') ? markdown : `${markdown}\n`}\n---\n\n`;
}
