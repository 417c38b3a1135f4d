// Pure decisions about one central-directory entry: is it junk to skip, a safe directory or
// file path, or a reason to refuse the whole archive? No I/O here.
import { AppError } from '../errors.ts';
import type { ArchiveLimits } from './types.ts';

/** The central-directory fields the rules need, with the name already decoded. */
export interface RawEntry {
  name: string;
  generalPurposeBitFlag: number;
  externalFileAttributes: number;
  compressionMethod: number;
}

export type EntryVerdict = { kind: 'junk' } | { kind: 'directory'; segments: string[] } | { kind: 'file'; segments: string[] };

type NameLimits = Pick<ArchiveLimits, 'maxPathDepth' | 'maxNameLength'>;

const ENCRYPTED = 0x0001;
const STRONG_ENCRYPTION = 0x0040;
const UNIX_FILE_TYPE = 0o170000;
const UNIX_SYMLINK = 0o120000;
const STORED = 0;
const DEFLATED = 8;
const DRIVE_LETTER = /^[A-Za-z]:/;
const MAX_QUOTED_NAME = 80;

/** Quotes an entry name for a client message, shortened so a hostile name cannot flood it. */
export function quoteName(name: string): string {
  const short = name.length > MAX_QUOTED_NAME ? `${name.slice(0, MAX_QUOTED_NAME)}…` : name;
  return JSON.stringify(short);
}

function unsafe(name: string, reason: string): AppError {
  return new AppError('UNSAFE_ARCHIVE', `The zip entry ${quoteName(name)} ${reason}.`);
}

/** macOS metadata that zip tools add: skipped, never extracted, never a reason to refuse. */
export function isJunk(segments: readonly string[]): boolean {
  if (segments[0] === '__MACOSX') return true;
  return segments.some((segment) => segment.startsWith('._') || segment === '.DS_Store');
}

function checkPathShape(name: string): void {
  if (name.length === 0) throw unsafe(name, 'has an empty name');
  if (name.includes('\0')) throw unsafe(name, 'has a NUL character in its name');
  if (name.includes('\\')) throw unsafe(name, 'uses backslashes in its path');
  if (name.startsWith('/')) throw unsafe(name, 'has an absolute path');
  if (DRIVE_LETTER.test(name)) throw unsafe(name, 'starts with a drive letter');
}

function checkSegments(name: string, segments: readonly string[], limits: NameLimits): void {
  for (const segment of segments) {
    if (segment === '..') throw unsafe(name, 'escapes the archive with ".."');
    if (segment === '' || segment === '.') throw unsafe(name, 'has an empty or "." path segment');
    if (Buffer.byteLength(segment) > limits.maxNameLength) {
      throw unsafe(name, `has a name longer than ${limits.maxNameLength} bytes`);
    }
  }
  if (segments.length > limits.maxPathDepth) {
    throw unsafe(name, `is nested deeper than ${limits.maxPathDepth} levels`);
  }
}

function checkAttributes(entry: RawEntry): void {
  if ((entry.generalPurposeBitFlag & (ENCRYPTED | STRONG_ENCRYPTION)) !== 0) {
    throw unsafe(entry.name, 'is encrypted');
  }
  const unixMode = entry.externalFileAttributes >>> 16;
  if ((unixMode & UNIX_FILE_TYPE) === UNIX_SYMLINK) throw unsafe(entry.name, 'is a symbolic link');
}

/**
 * Decides what to do with one entry. Safety rules run before the junk rule, so a hostile name
 * hidden under `__MACOSX/` is still refused rather than silently skipped.
 */
export function classifyEntry(entry: RawEntry, limits: NameLimits): EntryVerdict {
  checkAttributes(entry);
  checkPathShape(entry.name);
  const isDirectory = entry.name.endsWith('/');
  const segments = (isDirectory ? entry.name.slice(0, -1) : entry.name).split('/');
  checkSegments(entry.name, segments, limits);
  if (isJunk(segments)) return { kind: 'junk' };
  if (isDirectory) return { kind: 'directory', segments };
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw new AppError(
      'CORRUPT_ARCHIVE',
      `The zip entry ${quoteName(entry.name)} uses an unsupported compression method (${entry.compressionMethod}).`,
    );
  }
  return { kind: 'file', segments };
}
