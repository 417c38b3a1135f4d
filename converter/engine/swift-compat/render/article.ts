// Article pages (spec §4.8): the legacy shape, or a render node (articles and API collections)
// whose content sections are flattened by a small heading-driven state machine.
import { EngineError } from '../../api.ts';
import { abstractTexts, topicSections } from '../bundle/catalog.ts';
import { arrayOf, identifierUrl, isObject, objectOf, stringArrayOf, stringOf } from '../bundle/json.ts';
import { messages } from '../../messages.ts';
import type { ArticlePage, JsonObject, TopicSection } from '../render-profile.ts';
import { parseDocUrl, swiftTrim } from '../../text.ts';
import { renderBlock } from './blocks.ts';
import { ReferenceTable } from './references.ts';

export interface ArticleSection {
  title: string;
  content: string[];
}

export interface ArticleReference {
  identifier: string;
  kind: string;
  title: string;
}

export interface SwiftArticle extends ArticlePage {
  abstract: string[];
  sections: ArticleSection[];
  topics: TopicSection[];
  references: ArticleReference[];
}

export function decodeArticle(json: JsonObject, displayPath: string): SwiftArticle {
  const identifier = stringOf(json.identifier);
  const kind = stringOf(json.kind);
  const title = stringOf(json.title);
  const article =
    identifier !== undefined && kind !== undefined && title !== undefined
      ? decodeLegacy(json, identifier, kind, title)
      : decodeRender(json);
  if (!article) throw new EngineError(messages.articleInvalid(displayPath));
  return withContextSymbol(article);
}

function decodeLegacy(json: JsonObject, identifier: string, kind: string, title: string): SwiftArticle {
  return {
    identifier,
    kind,
    title,
    abstract: abstractTexts(json.abstract) ?? [],
    sections: legacySections(json.sections) ?? [],
    topics: topicSections(json.topics) ?? [],
    references: legacyReferences(json.references) ?? [],
  };
}

function legacySections(value: unknown): ArticleSection[] | undefined {
  const items = arrayOf(value);
  if (!items) return undefined;
  const sections: ArticleSection[] = [];
  for (const item of items) {
    const title = isObject(item) ? stringOf(item.title) : undefined;
    const content = isObject(item) ? stringArrayOf(item.content) : undefined;
    if (title === undefined || content === undefined) return undefined;
    sections.push({ title, content });
  }
  return sections;
}

function legacyReferences(value: unknown): ArticleReference[] | undefined {
  const items = arrayOf(value);
  if (!items) return undefined;
  const references: ArticleReference[] = [];
  for (const item of items) {
    if (!isObject(item)) return undefined;
    const { identifier, kind, title, url } = item;
    if (typeof identifier !== 'string' || typeof kind !== 'string' || typeof title !== 'string') return undefined;
    if (url !== undefined && url !== null && typeof url !== 'string') return undefined;
    references.push({ identifier, kind, title });
  }
  return references;
}

function decodeRender(json: JsonObject): SwiftArticle | undefined {
  const identifier = identifierUrl(json);
  const kind = stringOf(json.kind);
  const metadata = objectOf(json.metadata);
  if (identifier === undefined || kind === undefined || !metadata) return undefined;
  const topics = topicSections(json.topicSections) ?? [];
  const references = new ReferenceTable(json.references);
  return {
    identifier,
    kind,
    title: stringOf(metadata.title) ?? 'Article',
    abstract: abstractTexts(json.abstract) ?? [],
    sections: flattenSections(json.primaryContentSections, references),
    topics,
    references: topicReferences(topics, json.references),
  };
}

const SECTION_BLOCKS = new Set(['paragraph', 'unorderedList', 'orderedList', 'codeListing', 'table', 'aside', 'image', 'termList']);

/** Headings start sections; listed block types fill them; everything else is dropped. */
function flattenSections(value: unknown, references: ReferenceTable): ArticleSection[] {
  const sections: ArticleSection[] = [];
  let current: ArticleSection = { title: '', content: [] };
  const close = (): void => {
    if (current.title !== '' || current.content.length > 0) {
      sections.push({ title: current.title === '' ? 'Overview' : current.title, content: current.content });
    }
  };
  for (const block of contentBlocks(value)) {
    if (block.type === 'heading') {
      close();
      current = { title: swiftTrim(stringOf(block.text) ?? ''), content: [] };
    } else if (SECTION_BLOCKS.has(stringOf(block.type) ?? '')) {
      current.content.push(...renderBlock(block, { flavor: 'article', references, headingOffset: 0 }));
    }
  }
  close();
  return sections;
}

function contentBlocks(value: unknown): JsonObject[] {
  const blocks: JsonObject[] = [];
  for (const section of arrayOf(value) ?? []) {
    const content = isObject(section) ? arrayOf(section.content) : undefined;
    if (content) blocks.push(...content.filter(isObject));
  }
  return blocks;
}

function topicReferences(topics: TopicSection[], value: unknown): ArticleReference[] {
  const table = objectOf(value) ?? {};
  const seen = new Set<string>();
  const references: ArticleReference[] = [];
  for (const id of topics.flatMap((topic) => topic.identifiers)) {
    if (seen.has(id)) continue;
    seen.add(id);
    const entry = objectOf(table[id]);
    const title = stringOf(entry?.title) ?? '';
    if (!entry || title === '') continue;
    references.push({ identifier: stringOf(entry.identifier) ?? id, kind: stringOf(entry.kind) ?? 'topic', title });
  }
  return references;
}

/** (quirk) An empty API collection borrows "Context" from the third path component's symbol. */
function withContextSymbol(article: SwiftArticle): SwiftArticle {
  if (article.kind !== 'article' || article.sections.length > 0) return article;
  const url = parseDocUrl(article.identifier);
  if (!url || url.components.length < 4 || url.components[0] !== 'documentation') return article;
  const [, module, symbol] = url.components;
  return { ...article, contextSymbol: `doc://${url.host}/documentation/${module}/${symbol}` };
}
