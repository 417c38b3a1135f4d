// The documentation pass (spec §3 steps 7–8) in one read of data/documentation: every JSON file
// is read and parsed once, its page rendered and written at once, and only a small index is
// kept (article ids, path owners, top-level symbols' context lines, symbol references).
// Articles that borrow a "Context" section wait until every symbol page has been seen.
import { readInOrder } from '../read-ahead.ts';
import { catalogPath } from './bundle/catalog.ts';
import { isObject, parseJson } from './bundle/json.ts';
import type { SymbolReference } from './bundle/symbol-references.ts';
import { symbolReferenceOfPage } from './bundle/symbol-references.ts';
import type { Rank } from './claims.ts';
import { PathClaims } from './claims.ts';
import type { ConversionContext } from './context.ts';
import { articleFile, symbolFile, topLevelSymbolKey } from './paths.ts';
import type { ArticlePage, JsonObject } from './render-profile.ts';

const DOCUMENTATION = 'data/documentation';

export interface DocumentationResult {
  articles: number;
  symbolPages: number;
  /** References found on symbol pages (used when there is no data/symbol-graphs). */
  pageReferences: SymbolReference[];
}

// Owner of a path whose page was written at once; only deferred articles need their own owner.
const IMMEDIATE = Object.freeze({});

interface DeferredArticle {
  page: ArticlePage;
  path: string;
}

export class DocumentationPass {
  private readonly context: ConversionContext;
  private readonly claims = new PathClaims();
  private readonly articleIds = new Set<string>();
  private readonly symbolContexts = new Map<string, string[]>();
  private readonly deferred: DeferredArticle[] = [];
  private readonly topicOrder = new Map<string, number>();
  private readonly references: SymbolReference[] = [];
  private symbolPages = 0;

  constructor(context: ConversionContext) {
    this.context = context;
    for (const id of context.catalog.topics.flatMap((topic) => topic.identifiers)) {
      if (!this.topicOrder.has(id)) this.topicOrder.set(id, this.topicOrder.size);
    }
  }

  async run(catalogJson: unknown): Promise<DocumentationResult> {
    const { reader, signal } = this.context;
    const files = (await reader.stat(DOCUMENTATION)) ? await reader.listFiles(DOCUMENTATION) : [];
    const catalogFile = catalogPath(this.context.technologyRoot);
    const pages = files.filter((file) => file.toLowerCase().endsWith('.json'));
    // The catalog was parsed already: keep its parsed form instead of reading it again.
    const cached = catalogJson === undefined ? undefined : catalogFile;
    for await (const { file, data } of readInOrder(reader, pages, { skip: (name) => name === cached })) {
      signal?.throwIfAborted();
      const json = file === cached ? catalogJson : parseJson(data);
      if (isObject(json) && typeof json.kind === 'string') await this.visit(json, file);
    }
    await this.writeDeferred();
    return { articles: this.articleIds.size, symbolPages: this.symbolPages, pageReferences: this.references };
  }

  private async visit(json: JsonObject, file: string): Promise<void> {
    if (json.kind === 'article') await this.visitArticle(json, file);
    else if (json.kind === 'symbol' && this.context.renderArchive) await this.visitSymbol(json);
  }

  private async visitArticle(json: JsonObject, file: string): Promise<void> {
    const { profile, sink, catalog } = this.context;
    const page = profile.decodeArticle(json, this.context.reader.displayPath(file));
    this.articleIds.add(page.identifier);
    const path = articleFile(page.identifier);
    const position = this.topicOrder.get(page.identifier);
    const rank: Rank = position === undefined ? [1, page.identifier] : [0, position];
    if (page.contextSymbol === undefined) {
      if (this.claims.claim(path, rank, IMMEDIATE)) await sink.writeFile(path, profile.renderArticle(page, catalog, undefined));
      return;
    }
    const deferred = { page, path };
    if (this.claims.claim(path, rank, deferred)) this.deferred.push(deferred);
  }

  private async visitSymbol(json: JsonObject): Promise<void> {
    const { profile, sink, catalog, options } = this.context;
    const reference = symbolReferenceOfPage(json);
    if (reference) this.references.push(reference);
    const page = profile.decodeSymbol(json);
    if (!page) return;
    const key = topLevelSymbolKey(page.identifier);
    if (key !== undefined) this.symbolContexts.set(key, profile.symbolContext(page));
    const path = symbolFile(page.identifier, options.symbolLayout);
    if (path === undefined || !this.claims.claim(path, [2, page.identifier], IMMEDIATE)) return;
    await sink.writeFile(path, profile.renderSymbol(page, catalog));
    this.symbolPages += 1;
  }

  private async writeDeferred(): Promise<void> {
    const { profile, sink, catalog } = this.context;
    for (const owner of this.deferred) {
      if (!this.claims.owns(owner.path, owner)) continue;
      const context = this.symbolContexts.get(owner.page.contextSymbol ?? '');
      await sink.writeFile(owner.path, profile.renderArticle(owner.page, catalog, context));
    }
  }
}
