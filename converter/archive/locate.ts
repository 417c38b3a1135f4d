// locateDoccArchive: finds the one DocC archive in a zip from its central directory alone, so the
// same answer serves a zip read in place and its extraction. The archive may be the zip's root,
// a top-level folder, or a folder inside a single wrapper folder.
import { AppError } from '../errors.ts';
import { quoteName } from './entry-rules.ts';

/** The kept (non-junk) paths of a zip, '/'-joined; `directories` includes implied parents. */
export interface ArchiveTree {
  readonly files: ReadonlySet<string>;
  readonly directories: ReadonlySet<string>;
}

export interface LocatedArchive {
  /** The archive folder inside the zip: '' for the root, else e.g. 'wrapper/Demo.docc'. */
  root: string;
  /** Its last path segment ('' when the archive is the root). */
  name: string;
}

const ARCHIVE_EXTENSIONS = ['.doccarchive', '.docc'];
const MARKERS = ['metadata.json', 'index/index.json', 'Info.plist'];
const MAX_LEVEL = 2;

const NOT_FOUND_MESSAGE =
  'The zip does not contain a DocC archive: expected a .doccarchive or .docc folder, ' +
  'or a folder holding metadata.json, index/index.json or Info.plist.';

function join(directory: string, name: string): string {
  return directory === '' ? name : `${directory}/${name}`;
}

function lastSegment(relative: string): string {
  return relative.slice(relative.lastIndexOf('/') + 1);
}

function hasMarker(tree: ArchiveTree, directory: string): boolean {
  return MARKERS.some((marker) => {
    const candidate = join(directory, marker);
    return tree.files.has(candidate) || tree.directories.has(candidate);
  });
}

function isArchiveDirectory(tree: ArchiveTree, directory: string): boolean {
  const lower = lastSegment(directory).toLowerCase();
  return ARCHIVE_EXTENSIONS.some((extension) => lower.endsWith(extension)) || hasMarker(tree, directory);
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

/** The single DocC archive in `tree`; AppError NOT_DOCC_ARCHIVE when there is none or several. */
export function locateDoccArchive(tree: ArchiveTree): LocatedArchive {
  if (hasMarker(tree, '')) return located('');
  let level = subdirectories(tree, '');
  for (let depth = 1; depth <= MAX_LEVEL && level.length > 0; depth += 1) {
    const candidates = level.filter((directory) => isArchiveDirectory(tree, directory));
    if (candidates.length === 1) return located(candidates[0]);
    if (candidates.length > 1) {
      const names = candidates.map(quoteName).join(', ');
      throw new AppError('NOT_DOCC_ARCHIVE', `The zip contains more than one DocC archive (${names}); upload one at a time.`);
    }
    // Only a lone wrapper folder is looked into: a zip of several unrelated folders is not DocC.
    level = level.length === 1 ? subdirectories(tree, level[0]) : [];
  }
  throw new AppError('NOT_DOCC_ARCHIVE', NOT_FOUND_MESSAGE);
}
