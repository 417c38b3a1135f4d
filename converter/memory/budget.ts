// How the pod's memory limit is shared: the main thread keeps a fixed reserve (HTTP, buffers,
// the result cache), worker heaps share most of the rest, and the remainder covers what a heap cap
// does not (young generation, code, Buffers outside the heap). Pure: config.ts feeds it the limit.
const MIB = 1024 * 1024;

/** Main thread: heap, sockets, stream buffers, the per-pod result cache. */
export const MAIN_RESERVE_BYTES = 320 * MIB;
/** Share of the limit given to worker old-generation heaps together. */
export const WORKER_HEAP_SHARE = 0.6;
/** Below this a worker cannot convert even a small archive. */
export const MIN_WORKER_HEAP_MB = 96;
/** Output cap without a memory limit (and the most it may be with one). */
export const DEFAULT_MAX_OUTPUT_BYTES = 512 * MIB;
const MIN_MAX_OUTPUT_BYTES = 32 * MIB;

/** Old-generation heap of each worker thread, in MiB, so main + workers stay under `limitBytes`. */
export function workerHeapMb(limitBytes: number, workers: number): number {
  const shared = limitBytes * WORKER_HEAP_SHARE - MAIN_RESERVE_BYTES;
  return Math.max(MIN_WORKER_HEAP_MB, Math.floor(shared / workers / MIB));
}

/**
 * Default output cap of one conversion: a page's Markdown is built as one string and copied a few
 * times on its way into the zip, so a worker must hold several times the largest page; a sixteenth
 * of the limit (128 MiB at 2 GiB) leaves that room.
 */
export function defaultMaxOutputBytes(limitBytes: number | undefined): number {
  if (limitBytes === undefined) return DEFAULT_MAX_OUTPUT_BYTES;
  const sized = Math.floor(limitBytes / 16);
  return Math.min(DEFAULT_MAX_OUTPUT_BYTES, Math.max(MIN_MAX_OUTPUT_BYTES, sized));
}
