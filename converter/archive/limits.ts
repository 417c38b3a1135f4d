// Pure arithmetic on ArchiveLimits.
import { DEFAULT_ARCHIVE_LIMITS } from './types.ts';
import type { ArchiveLimits } from './types.ts';

/**
 * The most bytes an archive of `zipBytes` may inflate to: the ratio cap (never below the floor)
 * and the absolute cap, whichever is smaller.
 */
export function uncompressedCap(zipBytes: number, limits: ArchiveLimits): number {
  const floor = limits.ratioFloorBytes ?? DEFAULT_ARCHIVE_LIMITS.ratioFloorBytes ?? 0;
  const byRatio = Math.max(Math.floor(zipBytes * limits.maxCompressionRatio), floor);
  return Math.min(byRatio, limits.maxUncompressedBytes);
}

/**
 * Which limit `uncompressedCap` applied and its setting, for the client's message: the ratio cap
 * depends on the upload's size, so naming only a byte count (e.g. "6.0 MiB") would contradict
 * the advertised MAX_DECOMPRESSED_SIZE_MB.
 */
export function describeUncompressedCap(zipBytes: number, limits: ArchiveLimits): string {
  const cap = uncompressedCap(zipBytes, limits);
  if (cap >= limits.maxUncompressedBytes) return `${formatBytes(cap)} (MAX_DECOMPRESSED_SIZE_MB)`;
  return `${formatBytes(cap)}: ${limits.maxCompressionRatio} × the ${formatBytes(zipBytes)} upload (MAX_COMPRESSION_RATIO)`;
}

/** Inflated bytes one entry may reach given its compressed size: the entry ratio, never below the floor. */
export function entryCap(compressedBytes: number, limits: Pick<ArchiveLimits, 'ratioFloorBytes' | 'maxEntryCompressionRatio'>): number {
  const floor = limits.ratioFloorBytes ?? DEFAULT_ARCHIVE_LIMITS.ratioFloorBytes ?? 0;
  const ratio = limits.maxEntryCompressionRatio ?? DEFAULT_ARCHIVE_LIMITS.maxEntryCompressionRatio ?? Infinity;
  return Math.max(compressedBytes * ratio, floor);
}

/** Formats a byte count for client messages ("12.5 MiB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
