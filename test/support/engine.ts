// Runs the engine on a fixture for tests, with Swift-compatible defaults.
import path from 'node:path';
import type { EngineOptions, EngineSummary } from '../../converter/engine/api.ts';
import { convertPath } from '../../converter/engine/index.ts';
import { DOCC_FIXTURES } from './paths.ts';

export const FIXTURE = {
  tutorialCatalog: path.join(DOCC_FIXTURES, 'TutorialCatalog.doccarchive'),
  articleReference: path.join(DOCC_FIXTURES, 'ArticleReference.doccarchive'),
  docc2contextCore: path.join(DOCC_FIXTURES, 'Docc2contextCore.doccarchive'),
};

export function engineOptions(overrides: Partial<EngineOptions> = {}): EngineOptions {
  return { profile: 'swift-compat', symbolLayout: 'tree', tutorialLayout: 'chapter', technologies: [], ...overrides };
}

export interface ConvertResult {
  summary: EngineSummary;
  warnings: string[];
}

export async function convert(inputPath: string, outputPath: string, overrides: Partial<EngineOptions> = {}): Promise<ConvertResult> {
  const warnings: string[] = [];
  const summary = await convertPath(
    { inputPath, outputPath, force: false, options: engineOptions(overrides) },
    { onWarning: (message) => warnings.push(message) },
  );
  return { summary, warnings };
}
