// The one rule for "where is the DocC archive", used by the service, the command and the engine:
// a folder is a DocC archive when it is named *.doccarchive / *.docc or holds a marker, and in a
// zip it may sit at the root, in a top-level folder, or in a folder inside one lone wrapper folder.
// `rich` also takes `data/` alone as a marker (it renders the pages; title and module come from
// the root page); `swift-compat` keeps the Swift CLI's markers (spec §2 and the documented
// render-archive difference in docs/compatibility.md). The answer comes from the central
// directory alone, so a zip read in place and its extraction always agree.
import type { Profile } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';
import { quoteName } from './entry-rules.ts';

/** The kept (non-junk) paths of a zip, '/'-joined; `directories` includes implied parents. */
export interface ArchiveTree {
  readonly files: ReadonlySet<string>;
  readonly directories: ReadonlySet<string>;
}

/** What the marker check needs to know about a tree: a zip's central directory or a folder on disk. */
export interface TreeView {
  hasFile(relative: string): boolean;
  hasDirectory(relative: string): boolean;
}

export interface LocatedArchive {
  /** The archive folder inside the zip: '' for the root, else e.g. 'wrapper/Demo.docc'. */
  root: string;
  /** Its last path segment ('' when the archive is the root). */
  name: string;
}

const ARCHIVE_EXTENSIONS = ['.doccarchive', '.docc'];
/** Files that make a folder a DocC archive for every profile. */
const FILE_MARKERS = ['Info.plist', 'metadata.json', 'index/index.json'];
/** Folders that make a folder a DocC archive for `rich` only: its render JSON. */
const RICH_DIRECTORY_MARKERS = ['data'];
/** Levels below the zip's root searched: a top-level folder, or a folder inside a lone wrapper. */
const MAX_LEVEL = 2;

/** The refusal message names what counts for the profile, so it never advertises data/ to swift-compat. */
function notFoundMessage(profile: Profile): string {
  const markers =
    profile === 'rich' ? 'metadata.json, index/index.json, Info.plist or a data/ folder' : 'metadata.json, index/index.json or Info.plist';
  return `The zip does not contain a DocC archive: expected a .doccarchive or .docc folder, or a folder holding ${markers}.`;
}

function join(directory: string, name: string): string {
  return directory === '' ? name : `${directory}/${name}`;
}

function lastSegment(relative: string): string {
  return relative.slice(relative.lastIndexOf('/') + 1);
}

/** True when `name` (a folder's last segment) carries a DocC archive extension, in any case. */
export function hasArchiveExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** True when `directory` holds a marker that makes it a DocC archive for `profile`. */
export function hasArchiveMarker(view: TreeView, directory: string, profile: Profile): boolean {
  if (FILE_MARKERS.some((marker) => view.hasFile(join(directory, marker)) || view.hasDirectory(join(directory, marker)))) return true;
  return profile === 'rich' && RICH_DIRECTORY_MARKERS.some((marker) => view.hasDirectory(join(directory, marker)));
}

export function treeView(tree: ArchiveTree): TreeView {
  return { hasFile: (relative) => tree.files.has(relative), hasDirectory: (relative) => tree.directories.has(relative) };
}

function isArchiveDirectory(view: TreeView, directory: string, profile: Profile): boolean {
  return hasArchiveExtension(lastSegment(directory)) || hasArchiveMarker(view, directory, profile);
}

function subdirectories(tree: ArchiveTree, directory: string): string[] {
  const prefix = directory === '' ? '' : `${directory}/`;
  return [...tree.directories]
    .filter((candidate) => candidate.startsWith(prefix) && candidate.length > prefix.length && !candidate.includes('/', prefix.length))
    .sort();
}

function located(root: string): LocatedArchive {
  return { root, name: lastSegment(root) };
}

/** The single DocC archive in `tree` for `profile`; AppError NOT_DOCC_ARCHIVE when there is none or several. */
export function locateDoccArchive(tree: ArchiveTree, profile: Profile): LocatedArchive {
  const view = treeView(tree);
  if (hasArchiveMarker(view, '', profile)) return located('');
  let level = subdirectories(tree, '');
  for (let depth = 1; depth <= MAX_LEVEL && level.length > 0; depth += 1) {
    const candidates = level.filter((directory) => isArchiveDirectory(view, directory, profile));
    if (candidates.length === 1) return located(candidates[0]);
    if (candidates.length > 1) {
      const names = candidates.map(quoteName).join(', ');
      throw new AppError('NOT_DOCC_ARCHIVE', `The zip contains more than one DocC archive (${names}); upload one at a time.`);
    }
    // Only a lone wrapper folder is looked into: a zip of several unrelated folders is not DocC.
    level = level.length === 1 ? subdirectories(tree, level[0]) : [];
  }
  throw new AppError('NOT_DOCC_ARCHIVE', notFoundMessage(profile));
}

/** Checks that `root` (a located archive, e.g. from the service) is a folder of `tree`, or its root. */
export function checkArchiveRoot(tree: ArchiveTree, root: string, profile: Profile): LocatedArchive {
  if (root === '' || tree.directories.has(root)) return located(root);
  throw new AppError('NOT_DOCC_ARCHIVE', notFoundMessage(profile));
}
