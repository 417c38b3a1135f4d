// The whole archive step for a directory-reading engine in one call: validate, extract, locate.
import path from 'node:path';
import type { Profile } from '../../common/contract/conversion-job.ts';
import { extractZip } from './extract.ts';
import { locateDoccArchive } from './locate.ts';
import type { ArchiveLimits, ExtractResult } from './types.ts';

export interface UnpackedArchive extends ExtractResult {
  /** The located DocC archive directory, inside destDir. */
  archiveDir: string;
}

/** Validates and extracts `zipPath` into `destDir` and returns the DocC archive found there for `profile`. */
export async function unpackArchive(zipPath: string, destDir: string, limits: ArchiveLimits, profile: Profile): Promise<UnpackedArchive> {
  const extracted = await extractZip(zipPath, destDir, limits);
  const { root } = locateDoccArchive(extracted.tree, profile);
  return { ...extracted, archiveDir: path.join(path.resolve(destDir), ...root.split('/')) };
}
