// A ConversionRunner that calls the engine in this thread: the real engine without the worker
// pool, for end-to-end tests of the service before/independently of converter/runner.
import fs from 'node:fs';
import { convertPath, DEFAULT_PROFILE, EngineError } from '../../converter/engine/index.ts';
import type { EngineOptions } from '../../converter/engine/api.ts';
import type { ConversionOptions } from '../../common/contract/conversion-job.ts';
import { AppError } from '../../converter/errors.ts';
import type { ConversionRunner, RunRequest, RunResult, RunnerStats } from '../../converter/runner/types.ts';

export function engineOptions(options: ConversionOptions): EngineOptions {
  return {
    profile: options.profile ?? DEFAULT_PROFILE,
    symbolLayout: options.symbolLayout ?? 'tree',
    tutorialLayout: options.tutorialLayout ?? 'chapter',
    technologies: options.technologies ?? [],
  };
}

export class InProcessRunner implements ConversionRunner {
  readonly engine = 'builtin' as const;
  private inFlight = 0;

  async run(request: RunRequest): Promise<RunResult> {
    const started = performance.now();
    this.inFlight++;
    try {
      const summary = await convertPath({ inputPath: request.inputDir, outputPath: request.outputZip, force: true, options: engineOptions(request.options), signal: request.signal });
      const bytes = (await fs.promises.stat(request.outputZip)).size;
      return { engine: 'builtin', counts: summary.counts, files: summary.filesWritten, bytes, warnings: summary.warnings, durationMs: performance.now() - started };
    } catch (error) {
      if (error instanceof EngineError) throw new AppError('CONVERSION_FAILED', error.message, { cause: error });
      throw error;
    } finally {
      this.inFlight--;
    }
  }

  stats(): RunnerStats {
    return { inFlight: this.inFlight, queued: 0, capacity: 4, queueLimit: 4 };
  }

  async close(): Promise<void> {}
}
