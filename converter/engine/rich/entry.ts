// The rich profile as the engine's pipeline runs it (../profile.ts). Swift's bundle checks
// (Info.plist, catalog, render metadata) do not apply: rich reads every render-JSON page under
// `data/`, so the only requirement is that the input has one.
import type { ConversionCounts } from '../../../common/contract/conversion-job.ts';
import { EngineError } from '../api.ts';
import type { EngineProfile, ProfileRun } from '../profile.ts';
import { convertRich } from './convert.ts';

export const noRenderData = (path: string): string =>
  `No render JSON found at ${path}. The rich profile converts a built .doccarchive or static-hosting output (a folder with data/).`;

export const rich: EngineProfile = Object.freeze<EngineProfile>({ name: 'rich', convert: convertWithRich });

async function convertWithRich(run: ProfileRun): Promise<ConversionCounts> {
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
  return result.counts;
}
