// Memory settings read by the converter's loadConfig(): the pod's limit (MEMORY_LIMIT_BYTES, else
// the cgroup limit found at start-up, else none), the worker heap cap derived from it and the
// per-conversion output cap. Documented in docs/configuration.md.
import type { EnvReader } from '../../common/config.ts';
import { defaultMaxOutputBytes, workerHeapMb } from './budget.ts';

export interface MemoryConfig {
  /** The budget main + workers stay under; undefined when neither the setting nor a cgroup gives one. */
  limitBytes?: number;
  /** Old-generation heap cap of each builtin worker thread in MiB; 0 keeps Node's default. */
  workerMaxHeapMb: number;
  /** Output (uncompressed bytes written) of one conversion; passing it stops it with OUTPUT_TOO_LARGE. */
  maxOutputBytes: number;
}

/** What the process found about itself before reading the environment (main.ts reads the cgroup). */
export interface DetectedLimits {
  cgroupMemoryBytes?: number;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

export function readMemoryConfig(reader: EnvReader, workers: number, detected: DetectedLimits): MemoryConfig {
  const configured = reader.int('MEMORY_LIMIT_BYTES', { default: 0, min: 0, max: 1024 * GIB });
  const limitBytes = configured > 0 ? configured : detected.cgroupMemoryBytes;
  const derivedHeap = limitBytes === undefined ? 0 : workerHeapMb(limitBytes, workers);
  return {
    limitBytes,
    workerMaxHeapMb: reader.int('WORKER_MAX_HEAP_MB', { default: derivedHeap, min: 0, max: 64 * 1024 }),
    maxOutputBytes: reader.int('MAX_OUTPUT_BYTES', { default: defaultMaxOutputBytes(limitBytes), min: MIB, max: 64 * GIB }),
  };
}
