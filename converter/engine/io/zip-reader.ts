// ArchiveReader over a zip file, read in place with converter/archive's rules: one pass over the
// central directory (every safety rule, the limits, the junk rule; or the service's index of the
// zip it already validated) indexes the kept files, the
// DocC archive is located as everywhere else, and each entry is inflated and checked (size,
// CRC-32, ratio) once, when the engine reads it. verify() checks the entries the conversion never
// read before its output is published, so a damaged or lying entry anywhere still refuses the
// whole zip, as extraction would. Refusals are EngineErrors whose reason is the archive's code.
import type { Profile } from '../../../common/contract/conversion-job.ts';
import { checkEntryData, readEntryData } from '../../archive/entry-data.ts';
import type { ZipEntryLocation } from '../../archive/entry-data.ts';
import { checkArchiveRoot, locateDoccArchive } from '../../archive/locate.ts';
import { PositionalFile } from '../../archive/positional-file.ts';
import type { ArchiveLimits } from '../../archive/types.ts';
import { fromSnapshot, indexZip } from '../../archive/zip-index.ts';
import type { ZipIndexSnapshot } from '../../archive/zip-index.ts';
import type { ArchiveReader, ArchiveStat } from './archive-reader.ts';
import { compareCodePoints, isHiddenName } from './archive-reader.ts';
import { zipRefusal } from './zip-refusal.ts';

export interface ZipReaderOptions {
  limits: ArchiveLimits;
  profile: Profile;
  /** Where the caller already located the archive ('' for the zip's root); located here otherwise. */
  root?: string;
  /** The caller's index of the already validated zip; the central directory is read here otherwise. */
  index?: ZipIndexSnapshot;
}

export class ZipReader implements ArchiveReader {
  private readonly zipPath: string;
  private readonly file: PositionalFile;
  private readonly limits: ArchiveLimits;
  /** Files of the DocC archive, relative to its folder. */
  private readonly files: Map<string, ZipEntryLocation>;
  private readonly directories: Set<string>;
  /** Every kept file of the zip not inflated yet (inside the archive folder or not). */
  private readonly unchecked: Map<string, ZipEntryLocation>;
  private damage: unknown;

  private constructor(
    zipPath: string,
    parts: { limits: ArchiveLimits; all: Map<string, ZipEntryLocation>; directories: ReadonlySet<string>; root: string },
  ) {
    this.zipPath = zipPath;
    this.limits = parts.limits;
    const prefix = parts.root === '' ? '' : `${parts.root}/`;
    this.files = new Map();
    for (const [name, entry] of parts.all) if (name.startsWith(prefix)) this.files.set(name.slice(prefix.length), entry);
    this.directories = new Set();
    for (const name of parts.directories) if (name.startsWith(prefix)) this.directories.add(name.slice(prefix.length));
    this.unchecked = new Map(parts.all);
    this.file = PositionalFile.open(zipPath);
  }

  /** Validates and indexes `zipPath`, then locates its DocC archive; EngineError with the archive's code otherwise. */
  static async open(zipPath: string, options: ZipReaderOptions): Promise<ZipReader> {
    try {
      const { files, tree } = options.index === undefined ? await readIndex(zipPath, options.limits) : fromSnapshot(options.index);
      const { root } =
        options.root === undefined ? locateDoccArchive(tree, options.profile) : checkArchiveRoot(tree, options.root, options.profile);
      return new ZipReader(zipPath, { limits: options.limits, all: files, directories: tree.directories, root });
    } catch (error) {
      throw zipRefusal(error, zipPath);
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
    try {
      const data = readEntryData(this.file, entry, this.limits);
      this.unchecked.delete(entry.name);
      return data;
    } catch (error) {
      throw this.remember(error);
    }
  }

  /**
   * Checks every entry not read so far (large ones streamed) and rethrows the first damage met,
   * even one a caller turned into "file missing": a damaged zip is refused whatever was read.
   */
  async verify(): Promise<void> {
    if (this.damage !== undefined) throw this.damage;
    for (const entry of this.unchecked.values()) {
      await checkEntryData(this.file, entry, this.limits).catch((error: unknown) => {
        throw this.remember(error);
      });
      this.unchecked.delete(entry.name);
    }
  }

  async close(): Promise<void> {
    this.file.close();
  }

  private remember(error: unknown): unknown {
    const refusal = zipRefusal(error, this.zipPath);
    this.damage ??= refusal;
    return refusal;
  }
}

async function readIndex(zipPath: string, limits: ArchiveLimits): Promise<ReturnType<typeof fromSnapshot>> {
  const { summary, files } = await indexZip(zipPath, limits);
  return { files, tree: summary.tree };
}

function hasHiddenSegment(relative: string): boolean {
  return relative.split('/').some(isHiddenName);
}
