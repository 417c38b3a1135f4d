// Renders one indexed page: builds its RenderContext (links resolved through the page index,
// links recorded for the link graph) and adds the optional YAML front matter.
import { createRequire } from 'node:module';
import type { OutputBudget } from '../io/output-budget.ts';
import { renderPageBody } from './page.ts';
import { linksFrom } from './page-index.ts';
import { resolveAbstract } from './page-summary.ts';
import type { MediaFiles } from './media.ts';
import type { IndexedPage, PageIndex } from './page-index.ts';
import { asObject } from './types.ts';
import type { JsonObject, UnknownTypeCounter } from './types.ts';

export interface PageRenderOptions {
  frontMatter: boolean;
  /** Media the archive holds; links to them become relative (rich/media.ts). */
  media?: MediaFiles;
  /** The conversion's output cap: a page growing past what is left stops the conversion. */
  budget?: OutputBudget;
}

export interface RenderedPage {
  markdown: string;
  /** Identifiers of written pages this page links to. */
  linksTo: Set<string>;
  /** Topic identifiers this page links to that are not written (absent from the archive or filtered). */
  unresolved: Set<string>;
}

export function renderIndexedPage(
  page: JsonObject,
  entry: IndexedPage,
  index: PageIndex,
  options: PageRenderOptions & { unknown: UnknownTypeCounter },
): RenderedPage {
  const linksTo = new Set<string>();
  const unresolved = new Set<string>();
  let pending = 0;
  const linkTo = linksFrom(entry.path);
  const ctx = {
    references: asObject(page.references) ?? {},
    unknown: options.unknown,
    topicItems: new Map<string, string>(),
    charge: (characters: number): void => {
      pending += characters;
      options.budget?.ensureFits(pending);
    },
    linkToPage: (identifier: string): string | undefined => {
      const [base = '', fragment] = identifier.split('#', 2);
      const target = index.find(base);
      if (target === undefined) {
        if (base.startsWith('doc:')) unresolved.add(base);
        return undefined;
      }
      if (target.identifier !== entry.identifier) linksTo.add(target.identifier);
      return target.identifier === entry.identifier && fragment !== undefined
        ? `#${fragment.toLowerCase()}`
        : linkTo(target.path, fragment);
    },
    linkToMedia: (url: string): string | undefined => {
      const file = options.media?.use(url);
      return file === undefined ? undefined : linkTo(file);
    },
  };
  const body = renderPageBody(page, ctx);
  return { markdown: options.frontMatter ? frontMatter(entry) + body : body, linksTo, unresolved };
}

// `yaml` is ~70 modules: loaded on the first page that asks for front matter, not at start-up.
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

/** YAML front matter with the page's identity; keys in a fixed order, empty values left out. */
export function frontMatter(entry: IndexedPage): string {
  const fields: Record<string, string> = {
    title: entry.title,
    identifier: entry.identifier,
    kind: entry.kind,
    role: entry.role,
    symbolKind: entry.symbolKind,
    roleHeading: entry.roleHeading,
    module: entry.module,
    abstract: resolveAbstract(entry.abstract, () => undefined),
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
  return `---\n${yaml().stringify(present, { lineWidth: 0 })}---\n\n`;
}
