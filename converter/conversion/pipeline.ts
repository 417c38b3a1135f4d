// The conversion pipeline shared by POST /api/v1/convert and the job API, from a zip already on
// disk: validate and locate from the central directory → run the engine into a result zip. The
// builtin engine reads the zip in place; only the Swift CLI, which needs a directory, waits for
// an extraction.
import fs from 'node:fs';
import path from 'node:path';
import { resolveOptions } from '../../common/contract/conversion-job.ts';
import type { ConversionOptions } from '../../common/contract/conversion-job.ts';
import type { LocatedZip } from '../archive/inspect.ts';
import type { ArchiveLimits } from '../archive/types.ts';
import type { ZipIndexSnapshot } from '../archive/zip-index.ts';
import type { ConversionRunner, RunInput, RunResult } from '../runner/types.ts';
import type { ArchiveService } from './types.ts';

export interface PipelineRequest {
  zipPath: string;
  /** The request's private workspace; `extracted/` and `result.zip` are created inside it. */
  workDir: string;
  options: ConversionOptions;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What the pipeline leaves in the workspace: the result zip, the result of its conversion, and where the archive sat. */
export interface PipelineOutput {
  outputZip: string;
  result: RunResult;
  /** The DocC archive's folder name inside the zip ('' when it is the zip's root). */
  archiveName: string;
}

export type ConvertArchive = (request: PipelineRequest) => Promise<PipelineOutput>;

export interface PipelineDeps {
  archive: Pick<ArchiveService, 'inspect' | 'extract'>;
  runner: ConversionRunner;
  limits: ArchiveLimits;
}

export function createPipeline(deps: PipelineDeps): ConvertArchive {
  return async (request) => {
    const located = await deps.archive.inspect(request.zipPath, deps.limits, resolveOptions(request.options).profile);
    const input = await inputFor(deps, request, located);
    const outputZip = path.join(request.workDir, 'result.zip');
    const result = await deps.runner.run({
      input,
      outputZip,
      options: request.options,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
    });
    return { outputZip, result, archiveName: located.name };
  };
}

/**
 * The validated zip itself as a runner input, the archive at `root` inside it, under `limits`;
 * with the inspection's `index`, the engine does not read the central directory again.
 */
export function zipRunInput(zipPath: string, root: string, limits: ArchiveLimits, index?: ZipIndexSnapshot): RunInput {
  return { kind: 'zip', path: zipPath, plan: { ...limits, root, ...(index && { index }) } };
}

async function inputFor(deps: PipelineDeps, request: PipelineRequest, located: LocatedZip): Promise<RunInput> {
  const { root } = located;
  if (deps.runner.inputKind(request.options) === 'zip') return zipRunInput(request.zipPath, root, deps.limits, located.index);
  const extractedDir = path.join(request.workDir, 'extracted');
  await fs.promises.mkdir(extractedDir, { mode: 0o700 });
  await deps.archive.extract(request.zipPath, extractedDir, deps.limits);
  return { kind: 'directory', path: path.join(extractedDir, ...root.split('/').filter((segment) => segment !== '')) };
}
