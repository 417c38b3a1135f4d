// One conversion, whatever the profile: validate input → overlap check → prepare output → the
// profile's own work (profile.ts) → warnings.json → summary. Unlike Swift, the output is staged
// and published only on success.
import type { ConvertPathRequest, EngineSummary } from './api.ts';
import { EngineError } from './api.ts';
import { DirectorySink } from './io/directory-sink.ts';
import { BudgetedSink, OutputBudget } from './io/output-budget.ts';
import type { OutputSink } from './io/output-sink.ts';
import { ZipSink } from './io/zip-sink.ts';
import { inputDamageOr, openInput, pathsOverlap, standardizePath } from './input.ts';
import { messages, osErrorText } from './messages.ts';
import type { Warn } from './profile.ts';
import { profileNamed } from './profiles.ts';
import { renderWarningsFile, WARNINGS_FILE } from './warnings-file.ts';
import type { EngineWarning } from './warnings-file.ts';

export interface PipelineHooks {
  /** Called for each warning as it happens (the CLI prints them to stderr). */
  onWarning?: (message: string) => void;
}

export async function runConversion(request: ConvertPathRequest, hooks: PipelineHooks = {}): Promise<EngineSummary> {
  const profile = profileNamed(request.options.profile);
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
    const counts = await profile.convert({ reader, sink, request, warn, budget });
    if (request.warningsFile && entries.length > 0) {
      await sink.writeFile(WARNINGS_FILE, renderWarningsFile(entries, request.warningsFile.aliases));
    }
    await reader.verify?.();
    const stats = await sink.commit();
    return { counts, summaryLine: messages.generated(counts, outputPath), filesWritten: stats.files, bytesWritten: stats.bytes, warnings };
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

/** Engine errors pass through; file-system errors become their OS text, like Swift's. */
function asEngineError(error: unknown): unknown {
  if (error instanceof EngineError) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return new EngineError(osErrorText(error), { cause: error });
  }
  return error;
}
