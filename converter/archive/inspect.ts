// inspectZip: everything the service must know about an upload before converting it, from the
// central directory alone: every safety rule holds and exactly one DocC archive is inside, plus
// where each file lies, so an engine that reads the zip in place never walks the directory again.
// Nothing is inflated, so that engine never waits for an extraction either.
import type { Profile } from '../../common/contract/conversion-job.ts';
import { locateDoccArchive } from './locate.ts';
import type { LocatedArchive } from './locate.ts';
import type { ZipSummary } from './scan.ts';
import type { ArchiveLimits } from './types.ts';
import { indexZip, snapshotOf } from './zip-index.ts';
import type { ZipIndexSnapshot } from './zip-index.ts';

/** A located archive, with the zip's index when the locating read it (a fake may leave it out). */
export interface LocatedZip extends LocatedArchive {
  index?: ZipIndexSnapshot;
}

export interface InspectedArchive extends LocatedZip {
  summary: ZipSummary;
  index: ZipIndexSnapshot;
}

/** Validates `zipPath` and locates its DocC archive for `profile`; AppError with an archive code otherwise. */
export async function inspectZip(zipPath: string, limits: ArchiveLimits, profile: Profile): Promise<InspectedArchive> {
  const index = await indexZip(zipPath, limits);
  return { ...locateDoccArchive(index.summary.tree, profile), summary: index.summary, index: snapshotOf(index) };
}
