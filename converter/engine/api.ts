// Public contract of the conversion engine. The CLI, the worker threads of the runner and the
// tests use only these names; converter/engine/index.ts implements convertPath().
import type { ConversionCounts, Profile, SymbolLayout, TutorialLayout } from '../../common/contract/conversion-job.ts';
import type { ValidationErrorCode } from '../../common/contract/errors.ts';
import type { ArchiveLimits } from '../archive/types.ts';
import type { ZipIndexSnapshot } from '../archive/zip-index.ts';

export interface EngineOptions {
  profile: Profile;
  symbolLayout: SymbolLayout;
  tutorialLayout: TutorialLayout;
  /** Raw --technology values; trimming, lower-casing and dropping empties is the engine's job. */
  technologies: string[];
  /** rich profile only: start every page with YAML front matter (title, identifier, kind, module, ...). */
  frontMatter?: boolean;
}

export interface ConvertPathRequest {
  /** A .doccarchive/.docc directory, a static-hosting folder, or a .zip of one. */
  inputPath: string;
  /** A directory, or a path ending in .zip for a zip of the same tree. */
  outputPath: string;
  force: boolean;
  options: EngineOptions;
  /** Checked between pages: an aborted conversion stops and leaves no partial output. */
  signal?: AbortSignal;
  /** For a `.zip` input its caller has already validated (the service): see ZipInputPlan. */
  zipInput?: ZipInputPlan;
  /** Cap on the uncompressed bytes written; passing it stops the conversion (reason output-too-large). */
  maxOutputBytes?: number;
  /** rich: page JSON files larger than this are skipped with a warning (parsing them could exhaust the heap). */
  maxPageBytes?: number;
  /** Write `warnings.json` at the output root when there are warnings (the service; not the CLI). */
  warningsFile?: { aliases: Array<{ path: string; alias: string }> };
}

/**
 * Where the DocC archive sits inside a validated zip ('' for the root, else e.g.
 * 'wrapper/Demo.docc') and the caller's archive limits (the defaults for any left out); without a
 * plan the engine locates the archive itself, with the same rule (converter/archive/locate.ts).
 */
export interface ZipInputPlan extends Partial<ArchiveLimits> {
  root: string;
  /** The caller's index of the validated zip (inspectZip): the engine then skips reading the central directory. */
  index?: ZipIndexSnapshot;
}

export interface EngineSummary {
  counts: ConversionCounts;
  /** Files written: the ConversionResult's `files` (common/contract/conversion-job.ts). */
  filesWritten: number;
  /** Uncompressed bytes written; not the ConversionResult's `bytes`, which is the result zip's size. */
  bytesWritten: number;
  /** Human-readable warnings (per-page errors, unknown node types), in a stable order. */
  warnings: string[];
  /** The Swift CLI's success line: "Generated V tutorial volume(s), ... into <out>." */
  summaryLine: string;
}

/**
 * Why a zip input was refused: the archive error code the zip rules gave (converter/archive), so
 * callers that answer with codes (the service) give the same one at every entry point.
 */
export type ZipRefusal = ValidationErrorCode | 'output-too-large';

/** Every failure of the engine; `message` is the exact text the Swift CLI prints (exit 64). */
export class EngineError extends Error {
  readonly exitCode = 64;
  readonly reason: ZipRefusal | undefined;
  constructor(message: string, options?: { cause?: unknown; reason?: ZipRefusal }) {
    super(message, options);
    this.name = 'EngineError';
    this.reason = options?.reason;
  }
}
