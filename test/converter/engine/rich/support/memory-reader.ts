// An ArchiveReader over in-memory files, for small synthetic archives in tests.
import type { ArchiveReader, ArchiveStat } from '../../../../../converter/engine/io/archive-reader.ts';
import { compareCodePoints } from '../../../../../converter/engine/io/archive-reader.ts';

export class MemoryReader implements ArchiveReader {
  private readonly files: Map<string, string>;

  constructor(files: Record<string, unknown>) {
    this.files = new Map(
      Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? content : JSON.stringify(content)]),
    );
  }

  displayPath(relativePath: string): string {
    return `/memory/${relativePath}`;
  }

  async listFiles(directory: string): Promise<string[]> {
    return [...this.files.keys()].filter((name) => name.startsWith(`${directory}/`)).sort(compareCodePoints);
  }

  async listChildren(directory: string): Promise<string[]> {
    const prefix = directory === '' ? '' : `${directory}/`;
    const children = [...this.files.keys()]
      .filter((name) => name.startsWith(prefix))
      .map((name) => prefix + (name.slice(prefix.length).split('/')[0] ?? ''));
    return [...new Set(children)].sort(compareCodePoints);
  }

  async stat(relativePath: string): Promise<ArchiveStat | undefined> {
    const content = this.files.get(relativePath);
    if (content !== undefined) return { kind: 'file', size: Buffer.byteLength(content) };
    return [...this.files.keys()].some((name) => name.startsWith(`${relativePath}/`)) ? { kind: 'directory', size: 0 } : undefined;
  }

  async readFile(relativePath: string): Promise<Buffer> {
    const content = this.files.get(relativePath);
    if (content === undefined) throw new Error(`ENOENT: ${relativePath}`);
    return Buffer.from(content);
  }

  async close(): Promise<void> {}
}
