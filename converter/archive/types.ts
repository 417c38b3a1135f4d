// Contract of converter/archive: validation and safe extraction of uploaded zips.
// Every failure is an AppError (converter/errors.ts) with one of the archive codes:
// CORRUPT_ARCHIVE, UNSAFE_ARCHIVE, ARCHIVE_TOO_LARGE, TOO_MANY_ENTRIES,
// UNSUPPORTED_MEDIA_TYPE, NOT_DOCC_ARCHIVE.
import type { ArchiveTree } from './locate.ts';

export interface ArchiveLimits {
  /** Upload size cap in bytes (default 100 MiB). */
  maxUploadBytes: number;
  /** Total inflated bytes cap (default 500 MiB); the effective cap is min(this, ratio × zip size). */
  maxUncompressedBytes: number;
  /** Inflated/compressed ratio cap over the whole archive (default 5). */
  maxCompressionRatio: number;
  /** Entry count cap, directories included (default 20,000). */
  maxEntries: number;
  /** Path depth cap (default 32) and per-name length cap in bytes (default 255). */
  maxPathDepth: number;
  maxNameLength: number;
  /**
   * Below this many inflated bytes the ratio cap does not apply (default 1 MiB), so a small but
   * highly compressible archive is not refused as a bomb.
   */
  ratioFloorBytes?: number;
  /**
   * Inflated/compressed ratio cap of a single entry once it is past the floor (default 200):
   * a bomb hidden in a large, legitimate archive stops within the floor, not at the total cap.
   */
  maxEntryCompressionRatio?: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxUploadBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  // JSON compresses 4–8× in every corpus archive (zip -9: at most 7.1×); bombs are stopped by the
  // absolute cap and the per-entry ratio, not by a tight whole-archive ratio.
  maxCompressionRatio: 50,
  maxEntries: 20_000,
  maxPathDepth: 32,
  maxNameLength: 255,
  ratioFloorBytes: 1024 * 1024,
  maxEntryCompressionRatio: 200,
});

export interface ExtractResult {
  /** Files written (junk such as __MACOSX/ and .DS_Store is skipped, not counted). */
  files: number;
  /** Bytes actually inflated and written. */
  bytes: number;
  /** What was extracted, for locateDoccArchive. */
  tree: ArchiveTree;
}

export interface Workspace {
  /** Private directory (mode 0700) for one request; everything of that request lives here. */
  readonly dir: string;
  /** Removes the directory and everything in it; safe to call more than once. */
  dispose(): Promise<void>;
}
