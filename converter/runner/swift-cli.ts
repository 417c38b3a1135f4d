// The Swift docc2context command line, both ways: the argv we pass and the summary line it
// prints on success. Pure.
import type { ConversionCounts, ConversionOptions } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';

/** `docc2context <input> --output <dir> --force [--symbol-layout x] [--tutorial-layout y] [--technology t]...` */
export function buildSwiftArgs(inputDir: string, outputDir: string, options: ConversionOptions): string[] {
  const args = [inputDir, '--output', outputDir, '--force'];
  if (options.symbolLayout !== undefined) args.push('--symbol-layout', options.symbolLayout);
  if (options.tutorialLayout !== undefined) args.push('--tutorial-layout', options.tutorialLayout);
  for (const technology of options.technologies ?? []) {
    // An argv array cannot inject a shell command, but a value like "--force" would be read as a flag.
    if (technology.startsWith('-')) {
      throw new AppError('BAD_REQUEST', 'A technology filter must not start with "-".');
    }
    args.push('--technology', technology);
  }
  return args;
}

const SUMMARY =
  /^Generated (\d+) tutorial volume\(s\), (\d+) chapter\(s\), (\d+) reference article\(s\), and (\d+) symbol\(s\) into .+\.$/m;

/**
 * Reads the counts from the CLI's success line. The line has no tutorial count, so `tutorials`
 * is 0 for the swift engine. Returns undefined when the line is missing.
 */
export function parseSummaryLine(stdout: string): ConversionCounts | undefined {
  const match = SUMMARY.exec(stdout);
  if (match === null) return undefined;
  const [volumes, chapters, articles, symbols] = match.slice(1, 5).map(Number);
  return { volumes, chapters, articles, symbols, tutorials: 0 };
}
