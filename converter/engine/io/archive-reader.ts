// The engine reads an archive only through this interface, so a directory and a zip (read in
// place, never extracted) behave the same. Paths are archive-relative, "/"-separated, no "./".

export interface ArchiveStat {
  kind: 'file' | 'directory';
  size: number;
}

export interface ArchiveReader {
  /** Absolute path shown in messages for `relativePath` (the Swift CLI prints absolute paths). */
  displayPath(relativePath: string): string;
  /** Files under `directory` (recursive), hidden entries skipped, sorted by code point. */
  listFiles(directory: string): Promise<string[]>;
  /** Direct children of `directory` (files and directories), hidden entries skipped, sorted. */
  listChildren(directory: string): Promise<string[]>;
  /** Undefined when nothing exists at the path. */
  stat(relativePath: string): Promise<ArchiveStat | undefined>;
  readFile(relativePath: string): Promise<Buffer>;
  /** Checks whatever the conversion did not read (a zip's other entries); called before the output is published. */
  verify?(): Promise<void>;
  close(): Promise<void>;
}

/** Joins archive-relative segments without producing "//" or a leading "/". */
export function joinArchivePath(...segments: string[]): string {
  return segments.filter((segment) => segment !== '').join('/');
}

export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

/**
 * Orders strings by Unicode code point, as Swift does. JS's default comparison uses UTF-16 code
 * units, which puts astral characters (surrogate pairs) before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left !== right) return compareUnits(left, right);
  }
  return a.length - b.length;
}

function compareUnits(left: number, right: number): number {
  const leftSurrogate = left >= 0xd800 && left <= 0xdfff;
  const rightSurrogate = right >= 0xd800 && right <= 0xdfff;
  // A surrogate starts a code point above U+FFFF, so it sorts after every other BMP unit.
  if (leftSurrogate !== rightSurrogate) return leftSurrogate ? 1 : -1;
  return left - right;
}
