// OutputSink writing a directory tree. Files go into a staging sibling that becomes the output
// with one rename at commit, so the output directory appears complete or not at all. Writes are
// synchronous: see directory-reader.ts for why.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../api.ts';
import { messages, osErrorText } from '../messages.ts';
import type { OutputSink, OutputStats } from './output-sink.ts';
import { Staging } from './staging.ts';

export class DirectorySink implements OutputSink {
  private readonly staging: Staging;
  private readonly tree: TreeWriter;
  private finished = false;

  private constructor(staging: Staging) {
    this.staging = staging;
    this.tree = new TreeWriter(staging.stagingPath, staging.target);
  }

  /** Fails like the Swift CLI when the output exists without `force` or cannot be created. */
  static open(target: string, force: boolean): DirectorySink {
    return new DirectorySink(Staging.prepare(target, force, false));
  }

  async writeFile(relativePath: string, content: string): Promise<void> {
    this.tree.writeFile(relativePath, content);
  }

  async makeDirectory(relativePath: string): Promise<void> {
    this.tree.ensureDirectory(relativePath);
  }

  async commit(): Promise<OutputStats> {
    const stats = this.tree.stats();
    this.staging.publish();
    this.finished = true;
    return stats;
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.staging.discard();
  }
}

/** Writes files under `root`; messages name `shownRoot`, the path the user asked for. */
export class TreeWriter {
  readonly root: string;
  private readonly shownRoot: string;
  private readonly sizes = new Map<string, number>();
  private readonly createdDirectories = new Set<string>(['']);

  constructor(root: string, shownRoot: string) {
    this.root = root;
    this.shownRoot = shownRoot;
  }

  writeFile(relativePath: string, content: string): void {
    this.ensureDirectory(parentOf(relativePath));
    const data = Buffer.from(content, 'utf8');
    try {
      fs.writeFileSync(path.join(this.root, relativePath), data);
    } catch (error) {
      const shown = path.join(this.shownRoot, relativePath);
      throw new EngineError(messages.writeFailed(shown, osErrorText(error)), { cause: error });
    }
    this.sizes.set(relativePath, data.length);
  }

  stats(): OutputStats {
    let bytes = 0;
    for (const size of this.sizes.values()) bytes += size;
    return { files: this.sizes.size, bytes };
  }

  ensureDirectory(relativePath: string): void {
    if (this.createdDirectories.has(relativePath)) return;
    try {
      fs.mkdirSync(path.join(this.root, relativePath), { recursive: true });
    } catch (error) {
      const shown = path.join(this.shownRoot, relativePath);
      throw new EngineError(messages.outputCreateFailed(shown, osErrorText(error)), { cause: error });
    }
    for (let dir = relativePath; dir !== '' && !this.createdDirectories.has(dir); dir = parentOf(dir)) {
      this.createdDirectories.add(dir);
    }
  }
}

function parentOf(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash < 0 ? '' : relativePath.slice(0, slash);
}
