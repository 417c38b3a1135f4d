// Writes files under a staging root with synchronous calls: one mkdir per new folder, one
// writeFileSync per file. Measured whole-process (issue 14, docs/performance.md), this costs less
// CPU than overlapping promise-based open/write/close calls, whose per-call overhead on the main
// thread was most of the engine's time on archives of many small pages. The engine runs in the
// command's own process or in a worker thread, never on a server's event loop.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../api.ts';
import { messages, osErrorText } from '../messages.ts';
import type { OutputStats } from './output-sink.ts';

export class TreeWriter {
  readonly root: string;
  private readonly shownRoot: string;
  private readonly sizes = new Map<string, number>();
  private readonly directories = new Set<string>(['']);

  constructor(root: string, shownRoot: string) {
    this.root = root;
    this.shownRoot = shownRoot;
  }

  async writeFile(relativePath: string, content: string | Uint8Array): Promise<void> {
    this.writeFileNow(relativePath, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  }

  private writeFileNow(relativePath: string, data: Uint8Array): void {
    this.makeDirectoryNow(parentOf(relativePath));
    try {
      fs.writeFileSync(path.join(this.root, relativePath), data);
    } catch (error) {
      throw new EngineError(messages.writeFailed(path.join(this.shownRoot, relativePath), osErrorText(error)), { cause: error });
    }
    this.sizes.set(relativePath, data.length);
  }

  /** Creates `relativePath` (and parents) once. */
  async ensureDirectory(relativePath: string): Promise<void> {
    this.makeDirectoryNow(relativePath);
  }

  /** Kept for the sink's interface: every write has finished when writeFile returns. */
  async flush(): Promise<void> {}

  async settle(): Promise<void> {}

  stats(): OutputStats {
    let bytes = 0;
    for (const size of this.sizes.values()) bytes += size;
    return { files: this.sizes.size, bytes };
  }

  private makeDirectoryNow(relativePath: string): void {
    if (this.directories.has(relativePath)) return;
    // Parents first, each once: a plain mkdir per folder instead of a recursive one per file.
    this.makeDirectoryNow(parentOf(relativePath));
    try {
      fs.mkdirSync(path.join(this.root, relativePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new EngineError(messages.outputCreateFailed(path.join(this.shownRoot, relativePath), osErrorText(error)), { cause: error });
      }
    }
    this.directories.add(relativePath);
  }
}

function parentOf(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash < 0 ? '' : relativePath.slice(0, slash);
}
