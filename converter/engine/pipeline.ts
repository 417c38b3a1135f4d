// One conversion, in the Swift CLI's order (spec §3): validate input → overlap check → prepare
// output → metadata, catalog, symbol references → tutorials → articles and symbol pages → link
// graph → summary. Unlike Swift, the output is staged and published only on success.
import type { ConvertPathRequest, EngineSummary } from './api.ts';
import { EngineError } from './api.ts';
import { loadCatalog } from './bundle/catalog.ts';
import { checkBundleDataMetadata, checkRenderMetadata, loadBundleMetadata } from './bundle/metadata.ts';
import { filterByTechnology, loadSymbolGraphReferences, sortReferences } from './bundle/symbol-references.ts';
import type { ConversionContext } from './context.ts';
import { DocumentationPass } from './documentation.ts';
import type { ArchiveReader } from './io/archive-reader.ts';
import { DirectorySink } from './io/directory-sink.ts';
import { BudgetedSink, OutputBudget } from './io/output-budget.ts';
import type { OutputSink } from './io/output-sink.ts';
import { ZipSink } from './io/zip-sink.ts';
import { inputDamageOr, openInput, pathsOverlap, standardizePath } from './input.ts';
import { renderLinkGraph } from './link-graph.ts';
import { messages, osErrorText } from './messages.ts';
import { hasOwnPipeline, profileNamed } from './profiles.ts';
import { runRichConversion } from './rich/entry.ts';
import { writeTutorials } from './tutorials.ts';
import { renderWarningsFile, WARNINGS_FILE } from './warnings-file.ts';
import type { EngineWarning } from './warnings-file.ts';

export interface PipelineHooks {
  /** Called for each warning as it happens (the CLI prints them to stderr). */
  onWarning?: (message: string) => void;
}

/** Records a warning; `page` is the archive file it is about, when there is one. */
export type Warn = (message: string, page?: string) => void;

export async function runConversion(request: ConvertPathRequest, hooks: PipelineHooks = {}): Promise<EngineSummary> {
  // The rich profile has its own pipeline (rich/entry.ts); every other profile plugs in below.
  const profile = hasOwnPipeline(request.options.profile) ? undefined : profileNamed(request.options.profile);
  const inputPath = standardizePath(request.inputPath);
  const outputPath = standardizePath(request.outputPath);
  const reader = await openInput(inputPath, request.zipInput, request.options.profile);
  let sink: OutputSink | undefined;
  const budget = new OutputBudget(request.maxOutputBytes);
  try {
    if (pathsOverlap(inputPath, outputPath)) throw new EngineError(messages.outputOverlaps(outputPath));
    sink = new BudgetedSink(openSink(outputPath, request.force), budget);
    const warnings: string[] = [];
    const entries: EngineWarning[] = [];
    const warn: Warn = (message, page = '') => {
      warnings.push(message);
      entries.push({ page, reason: message });
      hooks.onWarning?.(message);
    };
    const summary =
      profile === undefined
        ? await runRichConversion({ reader, sink, request, outputPath, warn, budget })
        : await convert({ reader, sink, profile, request, outputPath, warn });
    if (request.warningsFile && entries.length > 0) await sink.writeFile(WARNINGS_FILE, renderWarningsFile(entries, request.warningsFile.aliases));
    await reader.verify?.();
    const stats = await sink.commit();
    return { ...summary, filesWritten: stats.files, bytesWritten: stats.bytes, warnings };
  } catch (error) {
    await sink?.abort();
    throw asEngineError(await inputDamageOr(reader, error));
  } finally {
    await reader.close();
  }
}

function openSink(outputPath: string, force: boolean): OutputSink {
  return outputPath.toLowerCase().endsWith('.zip') ? ZipSink.open(outputPath, force) : DirectorySink.open(outputPath, force);
}

interface ConvertParts {
  reader: ArchiveReader;
  sink: OutputSink;
  profile: ConversionContext['profile'];
  request: ConvertPathRequest;
  outputPath: string;
  warn: Warn;
}

type PartialSummary = Omit<EngineSummary, 'filesWritten' | 'bytesWritten' | 'warnings'>;

async function convert(parts: ConvertParts): Promise<PartialSummary> {
  const { reader, sink, request } = parts;
  const bundle = await loadBundleMetadata(reader);
  const renderMetadata = await checkRenderMetadata(reader, bundle);
  const { catalog, json: catalogJson } = await loadCatalog(reader, bundle.technologyRoot);
  checkBundleDataMetadata(reader, renderMetadata);
  const graphReferences = await loadSymbolGraphReferences(reader, parts.warn);
  const context: ConversionContext = {
    reader,
    sink,
    profile: parts.profile,
    options: request.options,
    catalog,
    technologyRoot: bundle.technologyRoot,
    renderArchive: bundle.renderArchive,
    signal: request.signal,
    warn: parts.warn,
  };
  await sink.makeDirectory('markdown');
  const tutorials = await writeTutorials(context);
  const documentation = await new DocumentationPass(context).run(catalogJson);
  const pageReferences = bundle.renderArchive ? documentation.pageReferences : [];
  const references = filterByTechnology(sortReferences(graphReferences ?? pageReferences), request.options.technologies);
  request.signal?.throwIfAborted();
  await sink.writeFile('linkgraph/adjacency.json', renderLinkGraph(catalog, references.map((reference) => reference.identifier)));
  const counts = { ...tutorials, articles: documentation.articles, symbols: references.length };
  const summaryLine =
    `Generated ${counts.volumes} tutorial volume(s), ${counts.chapters} chapter(s), ` +
    `${counts.articles} reference article(s), and ${counts.symbols} symbol(s) into ${parts.outputPath}.`;
  return { counts, summaryLine };
}

/** Engine errors pass through; file-system errors become their OS text, like Swift's. */
function asEngineError(error: unknown): unknown {
  if (error instanceof EngineError) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return new EngineError(osErrorText(error), { cause: error });
  }
  return error;
}
