// Where the engine's pipeline hands a conversion to the rich profile. Swift's bundle checks
// (Info.plist, catalog, render metadata) do not apply: rich reads every render-JSON page under
// `data/`, so the only requirement is that the input has one.
import type { ConvertPathRequest, EngineSummary } from '../api.ts';
import { EngineError } from '../api.ts';
import type { ArchiveReader } from '../io/archive-reader.ts';
import type { OutputBudget } from '../io/output-budget.ts';
import type { OutputSink } from '../io/output-sink.ts';
import { convertRich } from './convert.ts';

export interface RichRun {
  reader: ArchiveReader;
  sink: OutputSink;
  request: ConvertPathRequest;
  outputPath: string;
  /** Records a warning and the archive file it is about. */
  warn: (message: string, page?: string) => void;
  /** The conversion's output cap, also checked while a page is rendered. */
  budget?: OutputBudget;
}

export const noRenderData = (path: string): string =>
  `No render JSON found at ${path}. The rich profile converts a built .doccarchive or static-hosting output (a folder with data/).`;

export async function runRichConversion(run: RichRun): Promise<Omit<EngineSummary, 'filesWritten' | 'bytesWritten' | 'warnings'>> {
  const { reader, request } = run;
  if ((await reader.stat('data'))?.kind !== 'directory') throw new EngineError(noRenderData(reader.displayPath('data')));
  const result = await convertRich(reader, run.sink, {
    symbolLayout: request.options.symbolLayout,
    technologies: request.options.technologies,
    frontMatter: request.options.frontMatter === true,
    signal: request.signal,
    budget: run.budget,
    ...(request.maxPageBytes !== undefined && { maxPageBytes: request.maxPageBytes }),
  });
  // Page errors come first in result.warnings, one per error, then archive-wide notes.
  result.warnings.forEach((warning, index) => run.warn(warning, result.errors[index]?.source ?? ''));
  const { counts } = result;
  const summaryLine =
    `Generated ${counts.volumes} tutorial volume(s), ${counts.chapters} chapter(s), ` +
    `${counts.articles} reference article(s), and ${counts.symbols} symbol(s) into ${run.outputPath}.`;
  return { counts, summaryLine };
}
