// Checks 2–6 of the Swift CLI's validation order (spec §1.3) and builds the engine request.
import type { ConvertPathRequest } from '../engine/api.ts';
import { availableProfiles, DEFAULT_PROFILE } from '../engine/profile-names.ts';
import { swiftTrim } from '../engine/text.ts';
import type { ParsedArguments } from './args.ts';
import { CliError } from './args.ts';

const SYMBOL_LAYOUTS = ['tree', 'single'] as const;
const TUTORIAL_LAYOUTS = ['chapter', 'single'] as const;

export function buildRequest(parsed: ParsedArguments): ConvertPathRequest {
  const input = swiftTrim(parsed.input ?? '');
  if (input === '') throw new CliError('Missing input path. Provide a DocC bundle or archive to convert.');
  const output = swiftTrim(parsed.output ?? '');
  if (output === '') throw new CliError('Missing required --output <directory> option.');
  if (parsed.format.toLowerCase() !== 'markdown') {
    throw new CliError(`Unsupported format '${parsed.format}'. Supported formats: markdown.`);
  }
  const { symbolLayout, tutorialLayout, profile } = checkedChoices(parsed);
  return {
    inputPath: input,
    outputPath: output,
    force: parsed.force,
    options: { profile, symbolLayout, tutorialLayout, technologies: parsed.technologies, frontMatter: parsed.frontMatter },
  };
}

/** Checks 5–6 (layouts), then the profile and --front-matter, which the Swift CLI does not have. */
function checkedChoices(parsed: ParsedArguments): Pick<ConvertPathRequest['options'], 'symbolLayout' | 'tutorialLayout' | 'profile'> {
  const symbolLayout = oneOf(SYMBOL_LAYOUTS, parsed.symbolLayout);
  if (!symbolLayout) throw new CliError(`Unsupported symbol layout '${parsed.symbolLayout}'. Supported values: tree, single.`);
  const tutorialLayout = oneOf(TUTORIAL_LAYOUTS, parsed.tutorialLayout ?? 'chapter');
  if (!tutorialLayout) {
    throw new CliError(`Unsupported tutorial layout '${parsed.tutorialLayout}'. Supported values: chapter, single.`);
  }
  const profile = oneOf(availableProfiles(), parsed.profile ?? DEFAULT_PROFILE);
  if (!profile) {
    throw new CliError(`Unsupported profile '${parsed.profile}'. Supported values: ${availableProfiles().join(', ')}.`);
  }
  if (parsed.frontMatter && profile !== 'rich') throw new CliError('The --front-matter flag needs --profile rich.');
  if (parsed.tutorialLayout !== undefined && profile === 'rich') {
    throw new CliError('The --tutorial-layout option applies to --profile swift-compat only; rich renders every tutorial one way.');
  }
  return { symbolLayout, tutorialLayout, profile };
}

function oneOf<T extends string>(allowed: readonly T[], value: string): T | undefined {
  return allowed.find((candidate) => candidate === value.toLowerCase());
}
