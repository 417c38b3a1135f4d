// One pass over a zip's central directory applying every per-entry rule; validation and
// extraction share it so that they can never disagree about what is allowed.
import type { Entry } from 'yauzl';
import { AppError } from '../errors.ts';
import { classifyEntry } from './entry-rules.ts';
import { EntryRegistry } from './entry-registry.ts';
import type { ArchiveTree } from './locate.ts';
import { describeUncompressedCap, formatBytes, uncompressedCap } from './limits.ts';
import { ZIP_MAGIC_BYTES, sniffZipMagic } from './sniff.ts';
import { TailBufferedFile } from './tail-buffered-file.ts';
import type { ArchiveLimits } from './types.ts';
import { openZip, toArchiveError, toRawEntry } from './zip-reader.ts';
import type { OpenZip } from './zip-reader.ts';

export interface ZipSummary {
  /** Entries in the central directory, junk and directories included. */
  entries: number;
  files: number;
  directories: number;
  /** Junk entries (`__MACOSX/`, `._*`, `.DS_Store`) that are skipped. */
  skipped: number;
  /** Sum of the declared uncompressed sizes of the kept files. */
  declaredBytes: number;
  zipBytes: number;
  /** Inflated bytes allowed for this archive. */
  capBytes: number;
  /** The cap with the limit and setting that set it, for messages. */
  capText: string;
  /** The kept paths, for locateDoccArchive. */
  tree: ArchiveTree;
}

export interface EntryVisitor {
  file(entry: Entry, segments: string[], zip: OpenZip): Promise<void>;
  directory(segments: string[]): Promise<void>;
  /** Waits for work the visitor started; called before the zip is closed. */
  settle(): Promise<void>;
}

function checkZipSize(size: number, limits: ArchiveLimits): void {
  if (size > limits.maxUploadBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The upload exceeds the limit of ${formatBytes(limits.maxUploadBytes)}.`);
  }
}

/** Opens the upload once for sniffing, the size check and yauzl (which then owns it). */
async function openChecked(zipPath: string, limits: ArchiveLimits): Promise<OpenZip> {
  const file = await TailBufferedFile.open(zipPath).catch((error: unknown) => {
    throw toArchiveError(error);
  });
  try {
    sniffZipMagic(await file.head(ZIP_MAGIC_BYTES));
    checkZipSize(file.size, limits);
  } catch (error) {
    await file.dispose();
    throw error;
  }
  return openZip(file);
}

function checkEntryCount(count: number, limits: ArchiveLimits): void {
  if (count > limits.maxEntries) {
    throw new AppError('TOO_MANY_ENTRIES', `The zip has ${count} entries; the limit is ${limits.maxEntries}.`);
  }
}

function tooLarge(capText: string): AppError {
  return new AppError('ARCHIVE_TOO_LARGE', `The zip inflates to more than ${capText}.`);
}

/** Sniffs, opens and walks the zip, calling `visitor` for each kept entry in order. */
export async function scanZip(zipPath: string, limits: ArchiveLimits, visitor?: EntryVisitor): Promise<ZipSummary> {
  const zip = await openChecked(zipPath, limits);
  const zipBytes = zip.size;
  try {
    checkEntryCount(zip.entryCount, limits);
    const registry = new EntryRegistry();
    const summary: ZipSummary = {
      entries: zip.entryCount,
      files: 0,
      directories: 0,
      skipped: 0,
      declaredBytes: 0,
      zipBytes,
      capBytes: uncompressedCap(zipBytes, limits),
      capText: describeUncompressedCap(zipBytes, limits),
      tree: registry.tree(),
    };
    for (let entry = await zip.next(); entry !== null; entry = await zip.next()) {
      await visitEntry({ entry, zip, registry, summary }, limits, visitor);
    }
    await visitor?.settle();
    return summary;
  } catch (error) {
    await visitor?.settle().catch(() => undefined);
    throw error;
  } finally {
    zip.close();
  }
}

interface ScanState {
  entry: Entry;
  zip: OpenZip;
  registry: EntryRegistry;
  summary: ZipSummary;
}

async function visitEntry(state: ScanState, limits: ArchiveLimits, visitor?: EntryVisitor): Promise<void> {
  const { entry, zip, registry, summary } = state;
  const verdict = classifyEntry(toRawEntry(entry), limits);
  if (verdict.kind === 'junk') {
    summary.skipped += 1;
  } else if (verdict.kind === 'directory') {
    registry.addDirectory(verdict.segments);
    summary.directories += 1;
    await visitor?.directory(verdict.segments);
  } else {
    registry.addFile(verdict.segments);
    summary.files += 1;
    summary.declaredBytes += entry.uncompressedSize;
    if (summary.declaredBytes > summary.capBytes) throw tooLarge(summary.capText);
    await visitor?.file(entry, verdict.segments, zip);
  }
}
