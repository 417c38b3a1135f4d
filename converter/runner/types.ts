// Contract of converter/runner: runs one conversion of a DocC archive (a validated zip read in
// place, or an extracted directory) into a result zip, with the builtin engine in worker threads
// or the Swift CLI as a subprocess.
// Failures are AppErrors: OVERLOADED (queue full), TIMED_OUT, CONVERSION_FAILED (the engine
// rejected the input, message safe to show), INTERNAL.
import type { ConversionOptions, ConversionResult, EngineName } from '../../common/contract/conversion-job.ts';
import type { ZipInputPlan } from '../engine/api.ts';

/** The archive to convert, already validated and located by converter/archive. */
export type RunInput =
  /** The DocC archive directory, extracted. */
  | { kind: 'directory'; path: string }
  /** The uploaded zip itself, with where the archive sits inside it; nothing extracted. */
  | { kind: 'zip'; path: string; plan: ZipInputPlan };

export type RunInputKind = RunInput['kind'];

export interface RunRequest {
  input: RunInput;
  /** Where the result zip must be written (inside the request's workspace). */
  outputZip: string;
  options: ConversionOptions;
  /** Aborted on client disconnect or shutdown: the conversion stops and frees its slot. */
  signal?: AbortSignal;
  timeoutMs: number;
}

/** A conversion's result as the runner knows it: everything but the zip's hash (taken by the caller). */
export type RunResult = Omit<ConversionResult, 'sha256'>;

export interface RunnerStats {
  /** Conversions running now, waiting in the queue, and how many can run at once. */
  inFlight: number;
  queued: number;
  capacity: number;
  queueLimit: number;
}

export interface ConversionRunner {
  readonly engine: EngineName;
  /** The input this runner reads for these options: the builtin engine reads zips in place, the Swift CLI only directories. */
  inputKind(options: ConversionOptions): RunInputKind;
  run(request: RunRequest): Promise<RunResult>;
  stats(): RunnerStats;
  /** Stops taking work, waits for in-flight conversions up to `graceMs`, then terminates. */
  close(graceMs?: number): Promise<void>;
}
