// The docc-corpus archives as ArchiveReaders. Real archives are read in place; a fixture folder
// of single hand-picked pages is presented as a synthetic archive whose `data/` holds those
// files (nothing is copied), so every corpus page goes through the same pipeline.
import fs from 'node:fs';
import path from 'node:path';
import { compareCodePoints } from '../../../../../converter/engine/io/archive-reader.ts';
import type { ArchiveReader, ArchiveStat } from '../../../../../converter/engine/io/archive-reader.ts';
import { DirectoryReader } from '../../../../../converter/engine/io/directory-reader.ts';
import { CORPUS } from '../../../../support/paths.ts';

export interface CorpusArchive {
  name: string;
  root: string;
  open(): ArchiveReader;
}

export const ARCHIVE_NAMES = [
  'argumentparser-2022',
  'example-docc-project',
  'hummingbird',
  'slothcreator',
  'swift-docc-user-docs-2023',
  'swift-docc-user-docs-2025',
] as const;

export const FIXTURE_NAMES = ['fixtures/docczz-docc-archive', 'fixtures/swift-docc-render', 'fixtures/swift-docc-tests'] as const;

export function corpusArchives(): CorpusArchive[] {
  const archives = ARCHIVE_NAMES.map((name) => ({
    name,
    root: path.join(CORPUS, name),
    open: () => new DirectoryReader(path.join(CORPUS, name)),
  }));
  const fixtures = FIXTURE_NAMES.map((name) => ({
    name,
    root: path.join(CORPUS, name),
    open: () => new FixtureFolderReader(path.join(CORPUS, name)),
  }));
  return [...archives, ...fixtures];
}

export function corpusArchive(name: string): CorpusArchive {
  const archive = corpusArchives().find((candidate) => candidate.name === name);
  if (archive === undefined) throw new Error(`No corpus archive ${name}`);
  return archive;
}

/** Every JSON file of a folder (recursively) appears as `data/<relative path>`. */
export class FixtureFolderReader implements ArchiveReader {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  displayPath(relativePath: string): string {
    return path.join(this.root, relativePath.replace(/^data\/?/, ''));
  }

  async listFiles(directory: string): Promise<string[]> {
    if (directory !== 'data' && directory !== '') return [];
    const files = (fs.readdirSync(this.root, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.json'))
      .map((file) => `data/${file.split(path.sep).join('/')}`);
    return files.sort(compareCodePoints);
  }

  async listChildren(directory: string): Promise<string[]> {
    return directory === '' ? ['data'] : [];
  }

  async stat(relativePath: string): Promise<ArchiveStat | undefined> {
    if (relativePath === '' || relativePath === 'data') return { kind: 'directory', size: 0 };
    const stats = fs.statSync(this.displayPath(relativePath), { throwIfNoEntry: false });
    return stats === undefined ? undefined : { kind: stats.isDirectory() ? 'directory' : 'file', size: stats.size };
  }

  async readFile(relativePath: string): Promise<Buffer> {
    return fs.readFileSync(this.displayPath(relativePath));
  }

  async close(): Promise<void> {}
}
