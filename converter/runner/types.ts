// Contract of converter/runner: runs one conversion of an extracted archive directory into a
// result zip, with the builtin engine in worker threads or the Swift CLI as a subprocess.
// Failures are AppErrors: OVERLOADED (queue full), TIMED_OUT, CONVERSION_FAILED (the engine
// rejected the input, message safe to show), INTERNAL.
import type { ConversionCounts, ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';

export interface RunRequest {
  /** Extracted DocC archive directory (already validated and located). */
  inputDir: string;
  /** Where the result zip must be written (inside the request's workspace). */
  outputZip: string;
  options: ConversionOptions;
  /** Aborted on client disconnect or shutdown: the conversion stops and frees its slot. */
  signal?: AbortSignal;
  timeoutMs: number;
}

export interface RunResult {
  engine: EngineName;
  counts: ConversionCounts;
  /** Files in the result zip and its size in bytes. */
  files: number;
  bytes: number;
  warnings: string[];
  durationMs: number;
}

export interface RunnerStats {
  /** Conversions running now, waiting in the queue, and how many can run at once. */
  inFlight: number;
  queued: number;
  capacity: number;
  queueLimit: number;
}

export interface ConversionRunner {
  readonly engine: EngineName;
  run(request: RunRequest): Promise<RunResult>;
  stats(): RunnerStats;
  /** Stops taking work, waits for in-flight conversions up to `graceMs`, then terminates. */
  close(graceMs?: number): Promise<void>;
}
