// Defaults of every runner setting; converter/config.ts reads the environment and passes the
// values in, falling back to these.
export type RunnerMode = 'auto' | 'builtin' | 'swift';

export interface RunnerSettings {
  /** `auto` picks `swift` when the binary answers `--help` with exit 0, else `builtin`. */
  mode: RunnerMode;
  /** The Swift `docc2context` binary: a path, or a name looked up on PATH. */
  binaryPath: string;
  /** Conversions that run at once: worker threads (builtin) or child processes (swift). */
  concurrency: number;
  /** Conversions that may wait for a free slot; one more is refused with OVERLOADED. */
  queueLimit: number;
  /** Cap on the uncompressed result files of one conversion, in bytes (MAX_OUTPUT_BYTES). */
  maxOutputBytes: number;
  /** Cap on the captured stdout and stderr of one process, in bytes each. */
  maxStdioBytes: number;
  /** How long the start-up `--help` probe may take. */
  detectTimeoutMs: number;
  /** Heap cap of each builtin worker thread in MiB; 0 keeps Node's default. */
  workerMaxHeapMb: number;
}

export const DEFAULT_RUNNER_SETTINGS: Readonly<RunnerSettings> = Object.freeze({
  mode: 'auto',
  binaryPath: 'docc2context',
  concurrency: 2,
  queueLimit: 4,
  maxOutputBytes: 512 * 1024 * 1024,
  maxStdioBytes: 64 * 1024,
  detectTimeoutMs: 5_000,
  workerMaxHeapMb: 0,
});

/** Conversion timeout (the request's own `timeoutMs`), 60 s unless configured. */
export const DEFAULT_CONVERSION_TIMEOUT_MS = 60_000;

/** Grace period of close() when none is given. */
export const DEFAULT_CLOSE_GRACE_MS = 25_000;
