// swift-compat's renderers behind its RenderProfile (../render-profile.ts): byte-for-byte the
// Markdown of the Swift docc2context CLI, quirks included (spec §4, §6). Deliberately lossy; the
// rich profile is the one that goes beyond.
import type { ArticlePage, JsonObject, RenderProfile, SymbolPage } from '../render-profile.ts';
import type { SwiftArticle } from './article.ts';
import { decodeArticle } from './article.ts';
import { renderArticle } from './article-page.ts';
import type { SwiftSymbol } from './symbol.ts';
import { decodeSymbol, symbolContextEntries } from './symbol.ts';
import { renderSymbol } from './symbol-page.ts';
import { decodeTutorial } from './tutorial.ts';
import { renderChapter, renderTutorial, renderVolume } from './tutorial-pages.ts';

export const swiftCompatProfile: RenderProfile = Object.freeze<RenderProfile>({
  name: 'swift-compat' as const,
  decodeTutorial,
  decodeArticle: (json: JsonObject, displayPath: string): ArticlePage => decodeArticle(json, displayPath),
  decodeSymbol: (json: JsonObject): SymbolPage | undefined => decodeSymbol(json),
  symbolContext: (page: SymbolPage): string[] => symbolContextEntries(page as SwiftSymbol),
  renderVolume,
  renderChapter,
  renderTutorial,
  renderArticle: (page, catalog, context) => renderArticle(page as SwiftArticle, catalog, context),
  renderSymbol: (page, catalog) => renderSymbol(page as SwiftSymbol, catalog),
});
