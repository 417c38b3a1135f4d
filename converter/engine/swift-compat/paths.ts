// Output paths (spec §5.3) and tutorial file locations (§4.7). Every component is slugged.
import type { SymbolLayout } from '../../../common/contract/conversion-job.ts';
import { parseDocUrl, slug } from '../text.ts';

export function volumeDirectory(volumeIdentifier: string): string {
  return `markdown/tutorials/${slug(volumeIdentifier, 'volume')}`;
}

/** `index` is the chapter's 0-based position among all topic sections. */
export function chapterFile(volumeDir: string, index: number, title: string): string {
  return `${volumeDir}/${slug(`${index + 1}-${title}`, `chapter-${index + 1}`)}.md`;
}

export function chapterDirectory(volumeDir: string, chapterTitle: string): string {
  return `${volumeDir}/${slug(chapterTitle, 'chapter')}`;
}

export function tutorialFile(chapterDir: string, tutorialTitle: string): string {
  return `${chapterDir}/${slug(tutorialTitle, 'tutorial')}.md`;
}

export function articleFile(identifier: string): string {
  const url = parseDocUrl(identifier);
  const parts = url ? url.components : identifier.split('/').filter((part) => part !== '');
  if (parts.length === 0) return 'markdown/articles/article.md';
  return `markdown/articles/${parts.map((part) => slug(part, 'segment')).join('/')}.md`;
}

/** Undefined when the layout does not write this symbol (single layout keeps top-level types only). */
export function symbolFile(identifier: string, layout: SymbolLayout): string | undefined {
  const url = parseDocUrl(identifier);
  if (layout === 'single') {
    if (!url || url.components.length !== 3 || url.components[0] !== 'documentation') return undefined;
    const [, module = '', symbol = ''] = url.components;
    return `markdown/documentation/${slug(module, 'segment')}/${slug(symbol, 'symbol')}.md`;
  }
  if (!url) return `markdown/documentation/${slug(identifier, 'symbol')}/index.md`;
  if (url.components.length === 0) return 'markdown/index.md';
  return `markdown/${url.components.map((part) => slug(part, 'segment')).join('/')}/index.md`;
}

/** `data/tutorials/…json` for a tutorial identifier. */
export function tutorialSourceFile(identifier: string): string {
  const url = parseDocUrl(identifier);
  if (!url) {
    const last =
      identifier
        .split('/')
        .filter((part) => part !== '')
        .at(-1) ?? '';
    return `data/tutorials/${slug(last, 'tutorial')}.json`;
  }
  const parts = url.components[0] === 'tutorials' ? url.components.slice(1) : url.components;
  const directories = parts.slice(0, -1).map((part) => slug(part, 'segment'));
  const file = slug(parts.at(-1) ?? '', 'tutorial');
  return `data/tutorials/${[...directories, file].join('/')}.json`;
}

/** The key under which an article borrows "Context" from a top-level symbol page. */
export function topLevelSymbolKey(identifier: string): string | undefined {
  const url = parseDocUrl(identifier);
  if (!url || url.components.length !== 3 || url.components[0] !== 'documentation') return undefined;
  return `doc://${url.host}/documentation/${url.components[1]}/${url.components[2]}`;
}
