// The `swift` engine: runs the real docc2context binary once per conversion (argv array, own
// process group, capped output, timeout), maps its exit status to catalogue errors and zips its
// output directory into the requested result zip.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderWarningsFile, WARNINGS_FILE } from '../engine/warnings-file.ts';
import type { ConversionCounts } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';
import { shuttingDown, unexpectedFailure } from './failures.ts';
import { runProcess } from './process.ts';
import type { ProcessOutcome } from './process.ts';
import { DurationAverage, estimateRetryAfterSeconds } from './retry-after.ts';
import { lastLine, sanitizeMessage } from './sanitize.ts';
import type { PathAlias } from './sanitize.ts';
import { Slots } from './slots.ts';
import { buildSwiftArgs, parseSummaryLine } from './swift-cli.ts';
import type { ConversionRunner, RunnerStats, RunRequest, RunResult } from './types.ts';
import { zipDirectory } from './zip-directory.ts';

export interface SwiftRunnerOptions {
  binaryPath: string;
  concurrency: number;
  queueLimit: number;
  maxOutputBytes: number;
  maxStdioBytes: number;
  /** Environment of the child; inherited when omitted. */
  env?: NodeJS.ProcessEnv;
}

const USAGE_ERROR_EXIT = 64;
const INITIAL_AVERAGE_MS = 5_000;

/** Local paths a message may contain, and what a client sees instead. */
export function aliasesFor(request: RunRequest, outputDir: string): PathAlias[] {
  return [
    { path: request.input.path, alias: path.basename(request.input.path) },
    { path: outputDir, alias: 'output' },
    { path: path.dirname(request.outputZip), alias: 'workspace' },
  ];
}

/** Decides what a finished process means: counts on success, else the catalogue error. */
export function interpretOutcome(outcome: ProcessOutcome, aliases: readonly PathAlias[]): ConversionCounts {
  if (outcome.exitCode === 0) {
    const counts = parseSummaryLine(outcome.stdout);
    if (counts !== undefined) return counts;
    throw unexpectedFailure(new Error(`docc2context exited 0 without a summary line: ${outcome.stdout.slice(0, 500)}`));
  }
  if (outcome.exitCode === USAGE_ERROR_EXIT) {
    const line = lastLine(outcome.stdout) || lastLine(outcome.stderr) || 'The archive could not be converted.';
    return rejectInput(sanitizeMessage(line, aliases));
  }
  const status = outcome.exitCode ?? outcome.signal;
  throw unexpectedFailure(new Error(`docc2context ended with ${status}: ${outcome.stderr.slice(-500)}`));
}

function rejectInput(message: string): never {
  throw new AppError('CONVERSION_FAILED', message);
}

function warningsFrom(stderr: string, aliases: readonly PathAlias[], profile?: string): string[] {
  const lines = stderr.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const warnings = lines.map((line) => sanitizeMessage(line, aliases));
  if (profile !== undefined && profile !== 'swift-compat') warnings.push(`The swift engine ignores profile "${profile}".`);
  return warnings;
}

export function createSwiftRunner(options: SwiftRunnerOptions): ConversionRunner {
  const average = new DurationAverage(INITIAL_AVERAGE_MS);
  const running = new Set<AbortController>();
  const slots: Slots = new Slots({
    capacity: options.concurrency,
    queueLimit: options.queueLimit,
    retryAfterSeconds: () =>
      estimateRetryAfterSeconds({ inFlight: slots.inFlight, queued: slots.queued, capacity: options.concurrency }, average.ms),
  });

  async function convert(request: RunRequest, signal: AbortSignal): Promise<RunResult> {
    const started = performance.now();
    // The pipeline asks inputKind() first, so a zip here is a wiring bug, not a client error.
    if (request.input.kind !== 'directory') throw unexpectedFailure(new Error('The Swift CLI reads only directories'));
    const inputDir = request.input.path;
    const outputDir = await mkdtemp(path.join(path.dirname(request.outputZip), 'swift-output-'));
    try {
      const aliases = aliasesFor(request, outputDir);
      const outcome = await runProcess({
        command: options.binaryPath,
        args: buildSwiftArgs(inputDir, outputDir, request.options),
        timeoutMs: request.timeoutMs,
        maxOutputBytes: options.maxStdioBytes,
        signal,
        env: options.env,
      });
      const counts = interpretOutcome(outcome, aliases);
      const warnings = warningsFrom(outcome.stderr, aliases, request.options.profile);
      // The CLI reports warnings only on stderr: the service answer carries them in warnings.json.
      if (warnings.length > 0) {
        await writeFile(
          path.join(outputDir, WARNINGS_FILE),
          renderWarningsFile(
            warnings.map((reason) => ({ page: '', reason })),
            [],
          ),
        );
      }
      const zipped = await zipDirectory(outputDir, request.outputZip, options.maxOutputBytes);
      const durationMs = performance.now() - started;
      average.record(durationMs);
      return { engine: 'swift', counts, files: zipped.files, bytes: zipped.bytes, warnings, durationMs };
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  }

  async function run(request: RunRequest): Promise<RunResult> {
    const release = await slots.acquire(request.signal);
    const controller = new AbortController();
    running.add(controller);
    try {
      const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
      return await convert(request, signal);
    } finally {
      running.delete(controller);
      release();
    }
  }

  async function close(graceMs = 0): Promise<void> {
    slots.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([slots.whenIdle(), graceOver]);
    clearTimeout(timer);
    slots.rejectQueued(shuttingDown());
    for (const controller of running) controller.abort(shuttingDown());
    await slots.whenIdle();
  }

  const stats = (): RunnerStats => ({
    inFlight: slots.inFlight,
    queued: slots.queued,
    capacity: options.concurrency,
    queueLimit: options.queueLimit,
  });

  return { engine: 'swift', inputKind: () => 'directory', run, stats, close };
}
