// locateDoccArchive: finds the one DocC archive inside an extracted upload. The archive may be
// the extraction root itself, a top-level folder, or a folder inside a single wrapper folder.
import type { Dirent } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { isJunk, quoteName } from './entry-rules.ts';

const ARCHIVE_EXTENSIONS = ['.doccarchive', '.docc'];
const MARKER_FILES = ['metadata.json', path.join('index', 'index.json'), 'Info.plist'];
const MAX_LEVEL = 2;

const NOT_FOUND_MESSAGE =
  'The zip does not contain a DocC archive: expected a .doccarchive or .docc folder, ' +
  'or a folder holding metadata.json, index/index.json or Info.plist.';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function hasMarker(directory: string): Promise<boolean> {
  const found = await Promise.all(MARKER_FILES.map((marker) => exists(path.join(directory, marker))));
  return found.includes(true);
}

function hasArchiveExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

async function isArchiveDirectory(directory: string): Promise<boolean> {
  return hasArchiveExtension(path.basename(directory)) || (await hasMarker(directory));
}

async function subdirectories(directory: string): Promise<string[]> {
  const entries: Dirent[] = await readdir(directory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !isJunk([entry.name]))
    .map((entry) => path.join(directory, entry.name))
    .sort();
}

async function candidatesAt(directories: readonly string[]): Promise<string[]> {
  const verdicts = await Promise.all(directories.map((directory) => isArchiveDirectory(directory)));
  return directories.filter((_, index) => verdicts[index]);
}

function pickOne(root: string, candidates: readonly string[]): string {
  if (candidates.length === 1) return candidates[0];
  const names = candidates.map((candidate) => quoteName(path.relative(root, candidate))).join(', ');
  throw new AppError('NOT_DOCC_ARCHIVE', `The zip contains more than one DocC archive (${names}); upload one at a time.`);
}

/** Returns the absolute path of the single DocC archive directory under `root`. */
export async function locateDoccArchive(root: string): Promise<string> {
  const resolved = path.resolve(root);
  if (await hasMarker(resolved)) return resolved;
  let level = await subdirectories(resolved);
  for (let depth = 1; depth <= MAX_LEVEL && level.length > 0; depth += 1) {
    const candidates = await candidatesAt(level);
    if (candidates.length > 0) return pickOne(resolved, candidates);
    // Only a lone wrapper folder is looked into: a zip of several unrelated folders is not DocC.
    level = level.length === 1 ? await subdirectories(level[0]) : [];
  }
  throw new AppError('NOT_DOCC_ARCHIVE', NOT_FOUND_MESSAGE);
}
