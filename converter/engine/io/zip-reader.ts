// ArchiveReader over a zip file, read in place with yauzl's random access: the central directory
// becomes a small name → entry index and each file is inflated only when the engine asks for it.
// The DocC archive may sit at the zip root or one folder down (how Finder zips a folder).
import yauzl from 'yauzl';
import type { ArchiveReader, ArchiveStat } from './archive-reader.ts';
import { compareCodePoints, isHiddenName, unsafeEntryReason } from './archive-reader.ts';

export interface ZipReaderLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

export type ZipProblem = 'corrupt' | 'unsafe' | 'too-large' | 'not-docc';

/** Why a zip cannot be read; the engine turns it into a message naming the input path. */
export class ZipInputError extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipInputError';
    this.problem = problem;
  }
}

// yauzl's own name checks (absolute, "..", backslash with strictFileNames) surface as errors.
const YAUZL_UNSAFE_NAME = /^(invalid relative path|absolute path|invalid characters in fileName)/;
const ARCHIVE_MARKERS = ['Info.plist', 'metadata.json', 'index/index.json', 'data/'];
const JUNK_TOP_LEVEL = '__MACOSX';

export class ZipReader implements ArchiveReader {
  private readonly zipPath: string;
  private readonly zip: yauzl.ZipFile;
  private readonly files: Map<string, yauzl.Entry>;
  private readonly directories: Set<string>;

  private constructor(zipPath: string, zip: yauzl.ZipFile, files: Map<string, yauzl.Entry>, explicit: string[]) {
    this.zipPath = zipPath;
    this.zip = zip;
    this.files = files;
    this.directories = impliedDirectories(files.keys());
    for (const directory of explicit) this.directories.add(directory);
  }

  /** Opens `zipPath`, checks every entry name and locates the archive inside it. */
  static async open(zipPath: string, limits: ZipReaderLimits): Promise<ZipReader> {
    const zip = await openZip(zipPath);
    try {
      const all = await indexEntries(zip, limits);
      const prefix = locateArchiveRoot([...all.keys()]);
      if (prefix === undefined) throw new ZipInputError('not-docc', 'The zip holds no DocC archive');
      return new ZipReader(zipPath, zip, stripPrefix(all, prefix), explicitDirectories(all.keys(), prefix));
    } catch (error) {
      zip.close();
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
    const stream = await this.zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async close(): Promise<void> {
    if (this.zip.isOpen) this.zip.close();
  }
}

async function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new ZipInputError('corrupt', 'The input is not a readable zip file', { cause: error });
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

function stripPrefix(all: Map<string, yauzl.Entry>, prefix: string): Map<string, yauzl.Entry> {
  const files = new Map<string, yauzl.Entry>();
  for (const [name, entry] of all) {
    if (name.startsWith(prefix) && !name.endsWith('/')) files.set(name.slice(prefix.length), entry);
  }
  return files;
}

function explicitDirectories(names: Iterable<string>, prefix: string): string[] {
  const directories: string[] = [];
  for (const name of names) {
    if (name.endsWith('/') && name.startsWith(prefix) && name.length > prefix.length) {
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
