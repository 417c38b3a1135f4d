// indexZip: one pass over the central directory (every rule of scan.ts) that also keeps where each
// kept file's bytes lie, so a reader can inflate any entry in place later without walking the
// directory again. Nothing is inflated here. The snapshot is the same index as plain data, for
// handing a validated zip to the engine in a worker thread (its directory is not read twice).
import type { Entry } from 'yauzl';
import type { ZipEntryLocation } from './entry-data.ts';
import type { ArchiveTree } from './locate.ts';
import { scanZip } from './scan.ts';
import type { EntryVisitor, ZipSummary } from './scan.ts';
import type { ArchiveLimits } from './types.ts';

export interface ZipIndex {
  summary: ZipSummary;
  /** Every kept file by its '/'-joined path in the zip (junk and directories left out). */
  files: Map<string, ZipEntryLocation>;
}

/** A ZipIndex as structured-clone data: the kept files and every directory (explicit or implied). */
export interface ZipIndexSnapshot {
  files: ZipEntryLocation[];
  directories: string[];
}

class LocationCollector implements EntryVisitor {
  readonly files = new Map<string, ZipEntryLocation>();

  async file(entry: Entry, segments: string[]): Promise<void> {
    const name = segments.join('/');
    this.files.set(name, {
      name,
      localHeaderOffset: entry.relativeOffsetOfLocalHeader,
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      crc32: entry.crc32,
    });
  }

  async directory(): Promise<void> {}

  async settle(): Promise<void> {}
}

/** Validates `zipPath` like validateZip and returns where every kept file lies. */
export async function indexZip(zipPath: string, limits: ArchiveLimits): Promise<ZipIndex> {
  const collector = new LocationCollector();
  const summary = await scanZip(zipPath, limits, collector);
  return { summary, files: collector.files };
}

export function snapshotOf(index: ZipIndex): ZipIndexSnapshot {
  return { files: [...index.files.values()], directories: [...index.summary.tree.directories] };
}

/** The files and tree of a snapshot, as indexZip gave them. */
export function fromSnapshot(snapshot: ZipIndexSnapshot): { files: Map<string, ZipEntryLocation>; tree: ArchiveTree } {
  const files = new Map(snapshot.files.map((entry) => [entry.name, entry]));
  return { files, tree: { files: new Set(files.keys()), directories: new Set(snapshot.directories) } };
}
