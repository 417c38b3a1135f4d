// Job API and result cache behaviour, read by the converter's loadConfig() (one EnvReader).
import type { EnvReader } from '../../common/config.ts';

export interface JobsConfig {
  /** Decoded size cap of `source.inline` (the JSON body limit follows from it). */
  inlineMaxBytes: number;
  /** Size cap of a result returned inline (`output.return`). */
  returnMaxBytes: number;
  /** Size cap of a retained result (a Redis value): larger ones must go to a URL. */
  retainMaxBytes: number;
  /** Retention of results when the request does not say, and the most it may ask for. */
  retainDefaultTtlSeconds: number;
  retainMaxTtlSeconds: number;
  /** How long a finished job's status (and so its idempotency) is remembered. */
  recordTtlSeconds: number;
  /** How long POST waits for the job before answering 202 `running`. */
  syncWaitMs: number;
  /** Lifetime of a job's lock, renewed while it runs: a crashed pod's job is taken over after it. */
  lockTtlMs: number;
  /** Poll interval while waiting for a job or an identical conversion on another replica. */
  pollMs: number;
}

const MIB = 1024 * 1024;

export function readJobsConfig(reader: EnvReader): JobsConfig {
  const retainMaxTtlSeconds = reader.int('RESULT_MAX_TTL_SECONDS', { default: 7 * 86_400, min: 1, max: 30 * 86_400 });
  const retainDefaultTtlSeconds = reader.int('RESULT_TTL_SECONDS', { default: 86_400, min: 1, max: 30 * 86_400 });
  if (retainDefaultTtlSeconds > retainMaxTtlSeconds) reader.fail('RESULT_TTL_SECONDS must not exceed RESULT_MAX_TTL_SECONDS');
  return {
    inlineMaxBytes: reader.int('JOB_INLINE_MAX_BYTES', { default: 8 * MIB, min: 1024, max: 256 * MIB }),
    returnMaxBytes: reader.int('JOB_RETURN_MAX_BYTES', { default: 8 * MIB, min: 1, max: 256 * MIB }),
    retainMaxBytes: reader.int('RESULT_MAX_BYTES', { default: 32 * MIB, min: 1, max: 512 * MIB }),
    retainDefaultTtlSeconds,
    retainMaxTtlSeconds,
    recordTtlSeconds: reader.int('JOB_RECORD_TTL_SECONDS', { default: 7 * 86_400, min: 60, max: 30 * 86_400 }),
    syncWaitMs: reader.int('JOB_SYNC_WAIT_MS', { default: 50_000, min: 0, max: 600_000 }),
    lockTtlMs: reader.int('JOB_LOCK_TTL_MS', { default: 15_000, min: 100, max: 600_000 }),
    pollMs: reader.int('JOB_POLL_MS', { default: 250, min: 5, max: 10_000 }),
  };
}
