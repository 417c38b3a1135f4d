// Public face of converter/runner: picks and builds the conversion engine once at start-up.
import type { EngineName } from '../../common/contract/conversion-job.ts';
import { createBuiltinRunner } from './builtin.ts';
import type { BuiltinRunner } from './builtin.ts';
import { DEFAULT_RUNNER_SETTINGS } from './defaults.ts';
import type { RunnerSettings } from './defaults.ts';
import { detectBinary } from './detect.ts';
import { createProfileRouter } from './profile-router.ts';
import { createSwiftRunner } from './swift.ts';
import type { ConversionRunner } from './types.ts';
import type { WorkerLossReason } from './worker-pool.ts';

export { createBuiltinRunner, ENGINE_WORKER_URL } from './builtin.ts';
export type { BuiltinRunner, BuiltinRunnerOptions } from './builtin.ts';
export { createSwiftRunner } from './swift.ts';
export type { SwiftRunnerOptions } from './swift.ts';
export { detectBinary } from './detect.ts';
export { createProfileRouter } from './profile-router.ts';
export { DEFAULT_CLOSE_GRACE_MS, DEFAULT_CONVERSION_TIMEOUT_MS, DEFAULT_RUNNER_SETTINGS } from './defaults.ts';
export type { RunnerMode, RunnerSettings } from './defaults.ts';
export type { ConversionRunner, RunnerStats, RunRequest, RunResult } from './types.ts';
export type { WorkerLossReason } from './worker-pool.ts';

export interface RunnerSelection {
  runner: ConversionRunner;
  engine: EngineName;
  /** The Swift binary answered `--help` with exit 0 at start-up (reported by /api/v1/health). */
  binaryDetected: boolean;
  binaryPath: string;
  /** False when `swift` was required but the binary is missing: /readyz must fail then. */
  ready: boolean;
  /** Worker threads alive (builtin only; 0 for swift). */
  workers(): number;
}

export interface RunnerDeps {
  /** Environment of Swift child processes; inherited when omitted. */
  env?: NodeJS.ProcessEnv;
  /** Worker module of the builtin engine (tests inject their own). */
  workerUrl?: URL;
  /** Start worker threads at once (production) rather than on first use. */
  warm?: boolean;
  /** A builtin worker thread was replaced mid-conversion (the restarts metric). */
  onWorkerLost?: (reason: WorkerLossReason) => void;
}

/**
 * `auto` → swift when the binary is detected, else builtin; `swift` → swift even when missing
 * (then not ready, and every conversion fails); `builtin` → builtin, the binary is still probed
 * so health can report it.
 */
export async function createRunner(settings: Partial<RunnerSettings> = {}, deps: RunnerDeps = {}): Promise<RunnerSelection> {
  const config: RunnerSettings = { ...DEFAULT_RUNNER_SETTINGS, ...settings };
  const binaryDetected = await detectBinary(config.binaryPath, { timeoutMs: config.detectTimeoutMs, env: deps.env });
  const useSwift = config.mode === 'swift' || (config.mode === 'auto' && binaryDetected);
  const base = { binaryDetected, binaryPath: config.binaryPath };
  const builtin: BuiltinRunner = createBuiltinRunner({
    concurrency: config.concurrency,
    queueLimit: config.queueLimit,
    workerUrl: deps.workerUrl,
    warm: deps.warm && !useSwift,
    maxHeapMb: config.workerMaxHeapMb > 0 ? config.workerMaxHeapMb : undefined,
    maxOutputBytes: config.maxOutputBytes,
    onWorkerLost: deps.onWorkerLost,
  });
  const workers = (): number => builtin.workers();
  if (useSwift) {
    const swift = createSwiftRunner({ ...config, env: deps.env });
    const runner = createProfileRouter({ swift, builtin });
    return { ...base, runner, engine: 'swift', ready: binaryDetected, workers };
  }
  return { ...base, runner: builtin, engine: 'builtin', ready: true, workers };
}
