// The seam inside swift-compat between its pipeline (pipeline.ts, documentation.ts, tutorials.ts:
// reading, page discovery and order, output paths, collisions, the link graph, counts) and its
// renderers (render/): the page models the pipeline sees, and the RenderProfile that turns parsed
// page JSON into them and them into Markdown. A RenderProfile is pure: no I/O, no clock, no globals.
import type { Profile as ProfileName } from '../../../common/contract/conversion-job.ts';

export type JsonObject = Record<string, unknown>;

/** The technology catalog (`data/documentation/<TechnologyRoot>.json`), decoded by the pipeline. */
export interface CatalogInfo {
  identifier: string;
  title: string;
  kind: string;
  role: string | null;
  /** Abstract items' texts, untrimmed, in order (spec §4.3). */
  abstract: string[];
  topics: TopicSection[];
}

export interface TopicSection {
  title: string;
  identifiers: string[];
}

/** What every decoded page exposes to the pipeline; profiles extend it with their own fields. */
export interface PageHeader {
  identifier: string;
  title: string;
}

export type TutorialPage = PageHeader;

export interface ArticlePage extends PageHeader {
  kind: string;
  /**
   * Identifier of the symbol page whose summary this article borrows as a "Context" section, if
   * the profile wants one. The pipeline renders such articles after every symbol page is known.
   */
  contextSymbol?: string;
}

export type SymbolPage = PageHeader;

/** A chapter of the tutorial volume: one catalog topic section. */
export interface ChapterView {
  catalog: CatalogInfo;
  /** 0-based position among all topic sections (gaps are possible). */
  index: number;
  chapter: TopicSection;
  /** Tutorials of this chapter that loaded, in order. */
  tutorials: TutorialPage[];
}

export interface TutorialView {
  catalog: CatalogInfo;
  chapter: TopicSection;
  tutorial: TutorialPage;
}

/** Where a tutorial was loaded from; `fileUrl` is used in warnings (`file:///…`). */
export interface TutorialSource {
  identifier: string;
  fileUrl: string;
}

/** A tutorial that could not be loaded: the pipeline prints a warning and skips it. */
export class TutorialLoadError extends Error {
  /** Swift debug form of the failure, e.g. `tutorialPageMissing(file:///a.json)`. */
  readonly debugForm: string;
  constructor(debugForm: string) {
    super(debugForm);
    this.name = 'TutorialLoadError';
    this.debugForm = debugForm;
  }
}

export interface RenderProfile {
  readonly name: ProfileName;

  /** Decodes a tutorial page; throws TutorialLoadError when it cannot be used. */
  decodeTutorial(json: unknown, source: TutorialSource): TutorialPage;
  /**
   * Decodes a `data/documentation` node whose `kind` is "article"; throws EngineError (the
   * conversion fails) when it is not a valid article. `displayPath` is for the message.
   */
  decodeArticle(json: JsonObject, displayPath: string): ArticlePage;
  /** Decodes a node whose `kind` is "symbol"; undefined skips the page. */
  decodeSymbol(json: JsonObject): SymbolPage | undefined;
  /** Entries an article's "Context" section takes from this symbol page (may be empty). */
  symbolContext(page: SymbolPage): string[];

  renderVolume(catalog: CatalogInfo): string;
  renderChapter(view: ChapterView): string;
  renderTutorial(view: TutorialView): string;
  /** `context` is the parent symbol's entries when `contextSymbol` resolved, else undefined. */
  renderArticle(page: ArticlePage, catalog: CatalogInfo, context: string[] | undefined): string;
  renderSymbol(page: SymbolPage, catalog: CatalogInfo): string;
}
