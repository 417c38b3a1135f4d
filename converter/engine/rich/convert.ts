// The rich profile's conversion: pass 1 reads every page under `data/` into a small summary and
// builds the page index (identifier → output path); pass 2 renders each page with links resolved
// through the index and writes it; then the index file, llms.txt and the link graph. Pass 1 keeps
// each page's JSON bytes, up to PAGE_CACHE_BYTES, and pass 2 parses them again; beyond that pass 2
// reads the file again, so memory stays bounded on any archive. Keeping the bytes rather than the
// parsed pages is cheaper as well as smaller: parsed pages kept alive are copied by every garbage
// collection of pass 1, which cost more CPU than parsing twice (issue 14, docs/performance.md).
import type { ConversionCounts, SymbolLayout } from '../../../common/contract/conversion-job.ts';
import type { ArchiveReader } from '../io/archive-reader.ts';
import type { OutputBudget } from '../io/output-budget.ts';
import { isOutputTooLarge } from '../io/output-budget.ts';
import type { OutputSink } from '../io/output-sink.ts';
import { escapeText } from './markdown.ts';
import { describeArchive, renderIndexFile } from './index-files.ts';
import { LLMS_FULL_FILE, llmsFullPart, renderLlmsTxt } from './llms-files.ts';
import { renderLinkGraph } from './link-graph.ts';
import { buildPageIndex } from './page-index.ts';
import type { IndexedPage } from './page-index.ts';
import { summarizePage } from './page-summary.ts';
import type { PageSummary } from './page-summary.ts';
import { readInOrder } from '../read-ahead.ts';
import { renderIndexedPage } from './render-page.ts';
import { asObjects, isObject, nodeType } from './types.ts';
import type { JsonObject, UnknownTypeCounter } from './types.ts';
import { requireSomeTechnology } from './technologies.ts';
import { MediaFiles } from './media.ts';

export interface RichOptions {
  symbolLayout: SymbolLayout;
  /** Raw --technology values; trimmed, lower-cased, empties dropped here. */
  technologies: readonly string[];
  frontMatter: boolean;
  signal?: AbortSignal;
  /** Page JSON bytes kept between the passes (default PAGE_CACHE_BYTES). */
  pageCacheBytes?: number;
  /** The output cap, checked while a page is rendered (the sink charges what is written). */
  budget?: OutputBudget;
  /** Pages whose JSON is larger are skipped with a warning: parsing one would exhaust a worker's heap. */
  maxPageBytes?: number;
}

export interface PageError {
  source: string;
  /** invalid-json, too-large and render-failed are errors; not-a-page is JSON that is no render page (ignored). */
  reason: 'invalid-json' | 'not-a-page' | 'render-failed' | 'too-large';
  message: string;
}

export interface WrittenPage {
  source: string;
  identifier: string;
  path: string;
}

export interface RichResult {
  counts: ConversionCounts;
  /** Every page written, in output order. */
  written: WrittenPage[];
  errors: PageError[];
  unknownTypes: UnknownTypeCounter;
  /** Human-readable: one line per page error, then one line for unknown node types. */
  warnings: string[];
}

/** Page JSON bytes kept between the passes; the pages beyond are read twice. */
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

export const INDEX_FILE = 'index.md';
export const LLMS_FILE = 'llms.txt';
export const LINK_GRAPH_FILE = 'linkgraph/adjacency.json';

type ParsedPage = ({ page: JsonObject } | { error: string; reason: PageError['reason'] }) & { bytes: number };

function parsePage(data: Buffer): ParsedPage {
  const bytes = data.length;
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    return { error: `it is not valid JSON (${detail})`, reason: 'invalid-json', bytes };
  }
  if (!isObject(json) || (json.identifier === undefined && json.metadata === undefined)) {
    return { error: 'it is not a DocC render page (no identifier or metadata)', reason: 'not-a-page', bytes };
  }
  return { page: json, bytes };
}

interface FirstPass {
  summaries: PageSummary[];
  /** Source → the page's JSON bytes, for pass 2 to parse again. */
  cache: Map<string, Buffer>;
  errors: PageError[];
}

/** Page JSON read without a limit given (a worker heap of Node's default size holds this easily). */
export const DEFAULT_MAX_PAGE_BYTES = 64 * 1024 * 1024;

/** The JSON files under data/, minus those over `maxPageBytes` (recorded as too-large errors). */
async function pageFiles(reader: ArchiveReader, maxPageBytes: number, errors: PageError[]): Promise<string[]> {
  const files = (await reader.listFiles('data')).filter((file) => file.toLowerCase().endsWith('.json'));
  const kept: string[] = [];
  for (const source of files) {
    const size = (await reader.stat(source))?.size ?? 0;
    if (size <= maxPageBytes) kept.push(source);
    else
      errors.push({
        source,
        reason: 'too-large',
        message: `Skipped ${source}: its ${mib(size)} of JSON exceed the ${mib(maxPageBytes)} a page may have.`,
      });
  }
  return kept;
}

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Pass 1: every page's summary; the pages' bytes kept while they fit in PAGE_CACHE_BYTES. */
async function summarizeArchive(reader: ArchiveReader, options: RichOptions, cacheLimit: number): Promise<FirstPass> {
  const { signal } = options;
  const pass: FirstPass = { summaries: [], cache: new Map(), errors: [] };
  const files = await pageFiles(reader, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, pass.errors);
  let cachedBytes = 0;
  for await (const { file: source, data } of readInOrder(reader, files)) {
    signal?.throwIfAborted();
    const parsed = parsePage(data);
    if ('error' in parsed) {
      pass.errors.push({ source, reason: parsed.reason, message: `Skipped ${source}: ${parsed.error}.` });
      continue;
    }
    pass.summaries.push(summarizePage(parsed.page, source));
    cachedBytes += parsed.bytes;
    if (cachedBytes <= cacheLimit) pass.cache.set(source, data);
  }
  return pass;
}

export async function convertRich(reader: ArchiveReader, sink: OutputSink, options: RichOptions): Promise<RichResult> {
  const { summaries, cache, errors } = await summarizeArchive(reader, options, options.pageCacheBytes ?? PAGE_CACHE_BYTES);
  const kept = filterByTechnology(summaries, options.technologies);
  requireSomeTechnology(summaries, kept, options.technologies);
  const index = buildPageIndex(kept, options.symbolLayout);
  const unknownTypes: UnknownTypeCounter = new Map();
  const counts: ConversionCounts = { volumes: 0, chapters: 0, articles: 0, symbols: 0, tutorials: 0 };
  const edges = new Map<string, Set<string>>();
  const unresolved = new Set<string>();
  const written: WrittenPage[] = [];
  // llms-full.txt: the rendered Markdown again, so the output's size (not the input's) is held.
  const fullText: string[] = [];
  const media = await MediaFiles.list(reader);
  const uncached = index.pages.filter((entry) => !cache.has(entry.source)).map((entry) => entry.source);
  const rereads = readInOrder(reader, uncached);
  for (const entry of index.pages) {
    options.signal?.throwIfAborted();
    const cached = cache.get(entry.source);
    cache.delete(entry.source);
    const page = cached === undefined ? await readAgain(rereads) : pageOf(cached);
    if (page === undefined) continue; // Valid in pass 1; the file changed under us since.
    const rendered = renderSafely(page, entry, {
      index,
      frontMatter: options.frontMatter,
      media,
      unknownTypes,
      errors,
      budget: options.budget,
    });
    if (rendered === undefined) {
      // Other pages already link here: write a stub naming the failure rather than leave them dangling.
      await sink.writeFile(entry.path, failedPageStub(entry));
      continue;
    }
    await sink.writeFile(entry.path, rendered.markdown);
    fullText.push(llmsFullPart(entry.path, rendered.markdown));
    edges.set(entry.identifier, new Set([...(edges.get(entry.identifier) ?? []), ...rendered.linksTo]));
    for (const identifier of rendered.unresolved) unresolved.add(identifier);
    written.push({ source: entry.source, identifier: entry.identifier, path: entry.path });
    addCounts(counts, page);
  }
  const archive = describeArchive(index);
  await sink.writeFile(INDEX_FILE, renderIndexFile(index, archive.title, archive.summary));
  await sink.writeFile(LLMS_FULL_FILE, fullText.join(''));
  await media.copyUsed(reader, sink, options.signal);
  await sink.writeFile(LLMS_FILE, renderLlmsTxt(index, archive.title, archive.summary));
  await sink.writeFile(LINK_GRAPH_FILE, renderLinkGraph(edges, unresolved));
  return { counts, written, errors, unknownTypes, warnings: warningsOf(errors, unknownTypes) };
}

/** The next page that did not fit in the cache: pass 2 takes them in the order they were listed. */
async function readAgain(rereads: AsyncGenerator<{ file: string; data: Buffer }>): Promise<JsonObject | undefined> {
  const next = await rereads.next();
  return next.done === true ? undefined : pageOf(next.value.data);
}

/** A page parsed again in pass 2 (undefined if it is no longer one). */
function pageOf(data: Buffer): JsonObject | undefined {
  const parsed = parsePage(data);
  return 'page' in parsed ? parsed.page : undefined;
}

interface RenderInputs {
  index: ReturnType<typeof buildPageIndex>;
  frontMatter: boolean;
  media: MediaFiles;
  unknownTypes: UnknownTypeCounter;
  errors: PageError[];
  budget?: OutputBudget;
}

/** A renderer bug on one page becomes that page's error, never the conversion's (the output cap stops it). */
function renderSafely(page: JsonObject, entry: IndexedPage, inputs: RenderInputs): ReturnType<typeof renderIndexedPage> | undefined {
  try {
    return renderIndexedPage(page, entry, inputs.index, {
      frontMatter: inputs.frontMatter,
      media: inputs.media,
      unknown: inputs.unknownTypes,
      budget: inputs.budget,
    });
  } catch (error) {
    if (isOutputTooLarge(error)) throw error;
    const message = `Could not render ${entry.source} (${String(error)}); a stub page stands in for it.`;
    inputs.errors.push({ source: entry.source, reason: 'render-failed', message });
    return undefined;
  }
}

/** The page written in place of one that failed to render (its warning says why). */
export function failedPageStub(entry: IndexedPage): string {
  const title = entry.title === '' ? entry.identifier : entry.title;
  return `# ${escapeText(title)}\n\n> **Warning:** This page could not be converted; see warnings.json in the result.\n`;
}

/** `--technology`: keeps the pages whose module (or tutorial technology) is listed. */
export function filterByTechnology(pages: readonly PageSummary[], technologies: readonly string[]): PageSummary[] {
  const wanted = new Set(technologies.map((value) => value.trim().toLowerCase()).filter((value) => value !== ''));
  return wanted.size === 0 ? [...pages] : pages.filter((page) => wanted.has(page.module.toLowerCase()));
}

function addCounts(counts: ConversionCounts, page: JsonObject): void {
  const kind = nodeType({ kind: page.kind ?? null });
  if (kind === 'symbol') counts.symbols += 1;
  else if (kind === 'article') counts.articles += 1;
  else if (kind === 'project') counts.tutorials += 1;
  const volumes = asObjects(page.sections).filter((section) => section.kind === 'volume');
  counts.volumes += volumes.length;
  counts.chapters += volumes.reduce((sum, volume) => sum + asObjects(volume.chapters).length, 0);
}

function warningsOf(errors: readonly PageError[], unknownTypes: UnknownTypeCounter): string[] {
  const warnings = errors.map((error) => error.message);
  if (unknownTypes.size > 0) {
    const total = [...unknownTypes.values()].reduce((sum, n) => sum + n, 0);
    const list = [...unknownTypes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, n]) => `${type} ×${n}`);
    warnings.push(`Rendered ${total} node(s) of unknown type as plain text: ${list.join(', ')}.`);
  }
  return warnings;
}
