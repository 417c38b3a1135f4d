// The engine's entry point: convert a DocC archive (directory or zip) into Markdown + link graph.
import type { ConvertPathRequest, EngineSummary } from './api.ts';
import type { PipelineHooks } from './pipeline.ts';
import { runConversion } from './pipeline.ts';

export type { ConvertPathRequest, EngineOptions, EngineSummary } from './api.ts';
export { EngineError } from './api.ts';
export { availableProfiles, DEFAULT_PROFILE } from './profiles.ts';
export type { PipelineHooks } from './pipeline.ts';

/**
 * Converts `request.inputPath` into `request.outputPath` (a directory, or a `.zip`). Rejects with
 * an EngineError carrying the Swift CLI's exact message; nothing is left at the output path then.
 */
export function convertPath(request: ConvertPathRequest, hooks?: PipelineHooks): Promise<EngineSummary> {
  return runConversion(request, hooks);
}
