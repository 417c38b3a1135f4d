// ArchiveReader over a zip file, read in place: yauzl turns the central directory into a small
// name → entry index, and every file is inflated and checked (size, CRC-32) once at open (large
// ones streamed, so memory stays bounded), so a damaged or lying entry refuses the whole zip as
// extraction would; files the engine reads are inflated and checked again then. The DocC archive
// may sit at the zip root or one folder down (how Finder zips a folder).
import yauzl from 'yauzl';
import { isJunk } from '../../archive/entry-rules.ts';
import type { ArchiveReader, ArchiveStat } from './archive-reader.ts';
import { compareCodePoints, isHiddenName, unsafeEntryReason } from './archive-reader.ts';
import { PositionalFile } from './positional-file.ts';
import { checkEntryData, readEntryData } from './zip-entry-data.ts';
import { ZipInputError } from './zip-input-error.ts';

export interface ZipReaderLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

export { ZipInputError } from './zip-input-error.ts';
export type { ZipProblem } from './zip-input-error.ts';

// yauzl's own name checks (absolute, "..", backslash with strictFileNames) surface as errors.
const YAUZL_UNSAFE_NAME = /^(invalid relative path|absolute path|invalid characters in fileName)/;
const ARCHIVE_MARKERS = ['Info.plist', 'metadata.json', 'index/index.json', 'data/'];
const JUNK_TOP_LEVEL = '__MACOSX';

export class ZipReader implements ArchiveReader {
  private readonly zipPath: string;
  private readonly file: PositionalFile;
  private readonly zip: yauzl.ZipFile;
  private readonly files: Map<string, yauzl.Entry>;
  private readonly directories: Set<string>;

  private constructor(zipPath: string, opened: OpenedZip, files: Map<string, yauzl.Entry>, explicit: string[]) {
    this.zipPath = zipPath;
    this.file = opened.file;
    this.zip = opened.zip;
    this.files = files;
    this.directories = impliedDirectories(files.keys());
    for (const directory of explicit) this.directories.add(directory);
  }

  /**
   * Opens `zipPath` and checks every entry name. The archive sits at `root` when the caller has
   * located it ('' for the zip's root); otherwise it is located here.
   */
  static async open(zipPath: string, limits: ZipReaderLimits, root?: string): Promise<ZipReader> {
    const opened = await openZip(zipPath);
    try {
      const all = await indexEntries(opened.zip, limits);
      const prefix = root === undefined ? locateArchiveRoot([...all.keys()]) : rootPrefix(root, all);
      if (prefix === undefined) throw new ZipInputError('not-docc', 'The zip holds no DocC archive');
      const files = stripPrefix(all, prefix);
      await verifyEntries(opened, files);
      return new ZipReader(zipPath, opened, files, explicitDirectories(all.keys(), prefix));
    } catch (error) {
      opened.zip.close();
      throw error;
    }
  }

  displayPath(relativePath: string): string {
    return relativePath === '' ? this.zipPath : `${this.zipPath}/${relativePath}`;
  }

  async listFiles(directory: string): Promise<string[]> {
    const prefix = directory === '' ? '' : `${directory}/`;
    return [...this.files.keys()]
      .filter((name) => name.startsWith(prefix) && !hasHiddenSegment(name.slice(prefix.length)))
      .sort(compareCodePoints);
  }

  async listChildren(directory: string): Promise<string[]> {
    const prefix = directory === '' ? '' : `${directory}/`;
    const children = new Set<string>();
    for (const name of [...this.files.keys(), ...this.directories]) {
      if (!name.startsWith(prefix) || name === directory) continue;
      const child = name.slice(prefix.length).split('/')[0] ?? '';
      if (child !== '' && !isHiddenName(child)) children.add(prefix + child);
    }
    return [...children].sort(compareCodePoints);
  }

  async stat(relativePath: string): Promise<ArchiveStat | undefined> {
    const entry = this.files.get(relativePath);
    if (entry) return { kind: 'file', size: entry.uncompressedSize };
    if (relativePath === '' || this.directories.has(relativePath)) return { kind: 'directory', size: 0 };
    return undefined;
  }

  async readFile(relativePath: string): Promise<Buffer> {
    const entry = this.files.get(relativePath);
    if (!entry) throw Object.assign(new Error(`No such file in zip: ${relativePath}`), { code: 'ENOENT' });
    return readEntryData(this.zip, this.file, entry);
  }

  async close(): Promise<void> {
    if (this.zip.isOpen) this.zip.close();
  }
}

interface OpenedZip {
  file: PositionalFile;
  zip: yauzl.ZipFile;
}

async function openZip(zipPath: string): Promise<OpenedZip> {
  let file: PositionalFile | undefined;
  try {
    file = PositionalFile.open(zipPath);
    const zip = await yauzl.fromRandomAccessReaderPromise(file, file.size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      strictFileNames: true,
      validateEntrySizes: true,
    });
    return { file, zip };
  } catch (error) {
    file?.close(() => undefined);
    throw new ZipInputError('corrupt', 'The input is not a readable zip file', { cause: error });
  }
}

/** Inflates every file the engine may read (macOS junk aside) and checks its size and CRC-32. */
async function verifyEntries(opened: OpenedZip, files: Map<string, yauzl.Entry>): Promise<void> {
  for (const [name, entry] of files) {
    if (isJunk(name.split('/'))) continue;
    await checkEntryData(opened.zip, opened.file, entry).catch((error: unknown) => {
      throw asZipInputError(error);
    });
  }
}

async function indexEntries(zip: yauzl.ZipFile, limits: ZipReaderLimits): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limits.maxEntries) throw new ZipInputError('too-large', 'The zip has too many entries');
  const files = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      checkEntryName(entry.fileName);
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new ZipInputError('too-large', 'The zip inflates beyond the size cap');
      // Directory entries keep their trailing "/" so empty folders still exist for stat().
      files.set(entry.fileName, entry);
    }
  } catch (error) {
    throw asZipInputError(error);
  }
  return files;
}

function checkEntryName(name: string): void {
  const reason = unsafeEntryReason(name);
  if (reason) throw new ZipInputError('unsafe', `Zip entry '${name}' ${reason}`);
}

function asZipInputError(error: unknown): ZipInputError {
  if (error instanceof ZipInputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (YAUZL_UNSAFE_NAME.test(message)) return new ZipInputError('unsafe', `Unsafe zip entry: ${message}`, { cause: error });
  return new ZipInputError('corrupt', 'The zip file is corrupt', { cause: error });
}

/** '' for an archive at the root, 'Name/' for one folder down, undefined when neither holds one. */
export function locateArchiveRoot(names: readonly string[]): string | undefined {
  if (looksLikeArchive(names, '')) return '';
  const folder = singleTopLevelFolder(names);
  if (folder === undefined) return undefined;
  const prefix = `${folder}/`;
  return /\.(docc|doccarchive)$/i.test(folder) || looksLikeArchive(names, prefix) ? prefix : undefined;
}

/** The only top-level folder (macOS `__MACOSX` and hidden names ignored), or undefined. */
function singleTopLevelFolder(names: readonly string[]): string | undefined {
  const folders = new Set<string>();
  for (const name of names) {
    const [first = '', ...rest] = name.split('/');
    if (first === JUNK_TOP_LEVEL || isHiddenName(first)) continue;
    if (rest.length === 0) return undefined; // a loose file next to the folder
    folders.add(first);
  }
  return folders.size === 1 ? [...folders][0] : undefined;
}

function looksLikeArchive(names: readonly string[], prefix: string): boolean {
  return ARCHIVE_MARKERS.some((marker) =>
    marker.endsWith('/') ? names.some((name) => name.startsWith(prefix + marker)) : names.includes(prefix + marker),
  );
}

/** 'root/' when some entry lies under `root`; '' for the zip's root; undefined otherwise. */
function rootPrefix(root: string, all: Map<string, yauzl.Entry>): string | undefined {
  if (root === '') return '';
  const prefix = `${root}/`;
  for (const name of all.keys()) if (name.startsWith(prefix)) return prefix;
  return undefined;
}

/** The files under `prefix`, renamed relative to it; macOS `__MACOSX/` metadata is dropped. */
function stripPrefix(all: Map<string, yauzl.Entry>, prefix: string): Map<string, yauzl.Entry> {
  const files = new Map<string, yauzl.Entry>();
  for (const [name, entry] of all) {
    if (name.startsWith(prefix) && !name.endsWith('/') && !name.startsWith(`${JUNK_TOP_LEVEL}/`)) {
      files.set(name.slice(prefix.length), entry);
    }
  }
  return files;
}

function explicitDirectories(names: Iterable<string>, prefix: string): string[] {
  const directories: string[] = [];
  for (const name of names) {
    if (name.endsWith('/') && name.startsWith(prefix) && name.length > prefix.length && !name.startsWith(`${JUNK_TOP_LEVEL}/`)) {
      directories.push(name.slice(prefix.length, -1));
    }
  }
  return directories;
}

function impliedDirectories(names: Iterable<string>): Set<string> {
  const directories = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) directories.add(parts.slice(0, depth).join('/'));
  }
  return directories;
}

function hasHiddenSegment(relative: string): boolean {
  return relative.split('/').some(isHiddenName);
}
