// validateZip: reads only the central directory and refuses anything unsafe before a single
// byte is inflated.
import type { ArchiveLimits } from './types.ts';
import { scanZip } from './scan.ts';
import type { ZipSummary } from './scan.ts';

export type { ZipSummary } from './scan.ts';

/**
 * Checks magic bytes, upload size, entry count, every entry's path and attributes, duplicates
 * and the declared total size. Throws an AppError; resolves with what the archive declares.
 */
export function validateZip(zipPath: string, limits: ArchiveLimits): Promise<ZipSummary> {
  return scanZip(zipPath, limits);
}
