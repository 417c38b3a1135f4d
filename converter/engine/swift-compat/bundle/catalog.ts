// The documentation catalog, data/documentation/<TechnologyRoot>.json, in its legacy or render
// shape (spec §4.3). It drives the tutorial volume, the article order and the link graph.
import { EngineError } from '../../api.ts';
import type { ArchiveReader } from '../../io/archive-reader.ts';
import { messages } from '../../messages.ts';
import type { CatalogInfo, JsonObject, TopicSection } from '../render-profile.ts';
import { arrayOf, identifierUrl, isObject, objectOf, parseJson, stringArrayOf, stringOf } from './json.ts';

export function catalogPath(technologyRoot: string): string {
  return `data/documentation/${technologyRoot}.json`;
}

export interface LoadedCatalog {
  catalog: CatalogInfo;
  /** The parsed file, so the documentation pass does not read it a second time. */
  json: unknown;
}

export async function loadCatalog(reader: ArchiveReader, technologyRoot: string): Promise<LoadedCatalog> {
  const relative = catalogPath(technologyRoot);
  const shown = reader.displayPath(relative);
  let data: Buffer;
  try {
    data = await reader.readFile(relative);
  } catch (error) {
    throw new EngineError(messages.catalogMissing(shown), { cause: error });
  }
  const json = parseJson(data);
  const catalog = decodeCatalog(json);
  if (!catalog) throw new EngineError(messages.catalogInvalid(shown));
  return { catalog, json };
}

export function decodeCatalog(json: unknown): CatalogInfo | undefined {
  if (!isObject(json)) return undefined;
  const identifier = stringOf(json.identifier);
  const kind = stringOf(json.kind);
  const title = stringOf(json.title);
  if (identifier !== undefined && kind !== undefined && title !== undefined) {
    const role = stringOf(json.role) ?? null;
    return { identifier, kind, title, role, abstract: abstractTexts(json.abstract) ?? [], topics: topicSections(json.topics) ?? [] };
  }
  return decodeRenderCatalog(json);
}

function decodeRenderCatalog(json: JsonObject): CatalogInfo | undefined {
  const identifier = identifierUrl(json);
  const kind = stringOf(json.kind);
  const metadata = objectOf(json.metadata);
  if (identifier === undefined || kind === undefined || !metadata) return undefined;
  return {
    identifier,
    kind,
    title: stringOf(metadata.title) ?? 'Documentation Catalog',
    role: stringOf(metadata.role) ?? null,
    abstract: abstractTexts(json.abstract) ?? [],
    topics: topicSections(json.topicSections) ?? [],
  };
}

/**
 * AbstractItem texts: `text`, else `` `code` ``, else "" (so references and emphasis lose their
 * content). Undefined when the array or an item's `type` does not decode.
 */
export function abstractTexts(value: unknown): string[] | undefined {
  const items = arrayOf(value);
  if (!items) return undefined;
  const texts: string[] = [];
  for (const item of items) {
    if (!isObject(item) || typeof item.type !== 'string') return undefined;
    texts.push(abstractItemText(item));
  }
  return texts;
}

function abstractItemText(item: JsonObject): string {
  const text = stringOf(item.text);
  if (text !== undefined) return text;
  const code = stringOf(item.code);
  return code !== undefined ? `\`${code}\`` : '';
}

/** `[{title, identifiers}]`, all or nothing: one bad section drops every section. */
export function topicSections(value: unknown): TopicSection[] | undefined {
  const items = arrayOf(value);
  if (!items) return undefined;
  const sections: TopicSection[] = [];
  for (const item of items) {
    const title = isObject(item) ? stringOf(item.title) : undefined;
    const identifiers = isObject(item) ? stringArrayOf(item.identifiers) : undefined;
    if (title === undefined || identifiers === undefined) return undefined;
    sections.push({ title, identifiers });
  }
  return sections;
}
