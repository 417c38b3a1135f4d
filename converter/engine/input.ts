// Input detection (spec §2) and opening the matching ArchiveReader, with the one set of archive
// rules (converter/archive/locate.ts). Beyond the Swift CLI: a .zip file is read in place, a
// directory that is a render archive (root metadata.json or index/index.json) is accepted whatever
// its name (e.g. an extracted upload or a static-hosting export), and for rich a folder holding
// only data/ too. Everything Swift rejects otherwise is rejected with Swift's message.
import fs from 'node:fs';
import path from 'node:path';
import type { Profile } from '../../common/contract/conversion-job.ts';
import { hasArchiveExtension, hasArchiveMarker } from '../archive/locate.ts';
import type { TreeView } from '../archive/locate.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../archive/types.ts';
import type { ArchiveLimits } from '../archive/types.ts';
import { EngineError } from './api.ts';
import type { ZipInputPlan } from './api.ts';
import type { ArchiveReader } from './io/archive-reader.ts';
import { DirectoryReader } from './io/directory-reader.ts';
import { ZipReader } from './io/zip-reader.ts';
import { messages } from './messages.ts';

/** Absolute, `.`/`..` removed lexically, symlinks kept, no trailing slash (Swift's standardised path). */
export function standardizePath(value: string, cwd: string = process.cwd()): string {
  return path.resolve(cwd, value);
}

/** True when one path equals the other or contains it, component by component (spec §8.1). */
export function pathsOverlap(input: string, output: string): boolean {
  const a = components(input);
  const b = components(output);
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.every((part, index) => longer[index] === part);
}

function components(absolute: string): string[] {
  return absolute.split('/').filter((part) => part !== '');
}

export async function openInput(inputPath: string, zipInput: ZipInputPlan | undefined, profile: Profile): Promise<ArchiveReader> {
  const stats = fs.statSync(inputPath, { throwIfNoEntry: false });
  if (!stats) throw new EngineError(messages.inputMissing(inputPath));
  if (stats.isDirectory()) return openDirectory(inputPath, profile);
  const extension = path.extname(inputPath).toLowerCase();
  if (extension === '.doccarchive') throw new EngineError(messages.inputArchiveFile(inputPath));
  if (extension === '.zip')
    return ZipReader.open(inputPath, { limits: zipLimits(zipInput), profile, root: zipInput?.root, index: zipInput?.index });
  throw new EngineError(messages.inputNotDirectory(inputPath));
}

/** A folder on disk, for the archive rules' marker check. */
function folderView(root: string): TreeView {
  const kind = (relative: string): fs.Stats | undefined => fs.statSync(path.join(root, relative), { throwIfNoEntry: false });
  return { hasFile: (relative) => kind(relative) !== undefined, hasDirectory: (relative) => kind(relative)?.isDirectory() === true };
}

/**
 * A directory is the DocC archive itself, as in the Swift CLI (no wrapper search: that exists for
 * zips, where zipping a folder adds one): named *.docc / *.doccarchive or holding a marker of the
 * profile (converter/archive/locate.ts; rich also takes data/ alone).
 */
function openDirectory(inputPath: string, profile: Profile): ArchiveReader {
  if (!hasArchiveExtension(path.basename(inputPath)) && !hasArchiveMarker(folderView(inputPath), '', profile)) {
    throw new EngineError(messages.inputNotBundle(inputPath));
  }
  return new DirectoryReader(inputPath);
}

/**
 * The caller's limits, else the service's defaults without the upload cap: a file on disk is not
 * an upload, but its entries, names and inflated size obey the same rules.
 */
function zipLimits(plan: ZipInputPlan | undefined): ArchiveLimits {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxUploadBytes: Number.POSITIVE_INFINITY };
  const { root: _root, index: _index, ...given } = plan ?? { root: '' };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) Object.assign(limits, { [key]: value });
  return limits;
}

/**
 * The input's own damage when it has any (a damaged zip is refused whatever failed first, as when
 * every entry was checked up front), else `error`. An abort wins at once.
 */
export async function inputDamageOr(reader: ArchiveReader, error: unknown): Promise<unknown> {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
  if (reader.verify === undefined) return error;
  return reader.verify().then(
    () => error,
    (damage: unknown) => damage,
  );
}
