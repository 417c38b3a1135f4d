// inspectZip: everything the service must know about an upload before converting it, from the
// central directory alone: every safety rule holds and exactly one DocC archive is inside.
// Nothing is inflated, so an engine that reads the zip in place never waits for an extraction.
import type { Profile } from '../../common/contract/conversion-job.ts';
import { locateDoccArchive } from './locate.ts';
import type { LocatedArchive } from './locate.ts';
import type { ZipSummary } from './scan.ts';
import type { ArchiveLimits } from './types.ts';
import { validateZip } from './validate.ts';

export interface InspectedArchive extends LocatedArchive {
  summary: ZipSummary;
}

/** Validates `zipPath` and locates its DocC archive for `profile`; AppError with an archive code otherwise. */
export async function inspectZip(zipPath: string, limits: ArchiveLimits, profile: Profile): Promise<InspectedArchive> {
  const summary = await validateZip(zipPath, limits);
  return { ...locateDoccArchive(summary.tree, profile), summary };
}
