// The conversion pipeline shared by POST /api/v1/convert and the job API, from a zip already on
// disk: validate + extract → locate the DocC archive → run the engine into a result zip.
import fs from 'node:fs';
import path from 'node:path';
import type { ConversionOptions } from '../../common/contract/conversion-job.ts';
import type { ArchiveLimits } from '../archive/types.ts';
import type { ConversionRunner, RunResult } from '../runner/types.ts';
import type { ArchiveService } from '../server/deps.ts';

export interface PipelineRequest {
  zipPath: string;
  /** The request's private workspace; `extracted/` and `result.zip` are created inside it. */
  workDir: string;
  options: ConversionOptions;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface PipelineResult {
  outputZip: string;
  result: RunResult;
}

export type ConvertArchive = (request: PipelineRequest) => Promise<PipelineResult>;

export interface PipelineDeps {
  archive: Pick<ArchiveService, 'extract' | 'locate'>;
  runner: ConversionRunner;
  limits: ArchiveLimits;
}

export function createPipeline(deps: PipelineDeps): ConvertArchive {
  return async (request) => {
    const extractedDir = path.join(request.workDir, 'extracted');
    await fs.promises.mkdir(extractedDir, { mode: 0o700 });
    await deps.archive.extract(request.zipPath, extractedDir, deps.limits);
    const inputDir = await deps.archive.locate(extractedDir);
    const outputZip = path.join(request.workDir, 'result.zip');
    const result = await deps.runner.run({
      inputDir,
      outputZip,
      options: request.options,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
    });
    return { outputZip, result };
  };
}
