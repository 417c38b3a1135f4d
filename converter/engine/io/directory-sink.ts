// OutputSink writing a directory tree. Files go into a staging sibling that becomes the output
// with one rename at commit, so the output directory appears complete or not at all.
import type { OutputSink, OutputStats } from './output-sink.ts';
import { Staging } from './staging.ts';
import { TreeWriter } from './tree-writer.ts';

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

  writeFile(relativePath: string, content: string | Uint8Array): Promise<void> {
    return this.tree.writeFile(relativePath, content);
  }

  makeDirectory(relativePath: string): Promise<void> {
    return this.tree.ensureDirectory(relativePath);
  }

  async commit(): Promise<OutputStats> {
    await this.tree.flush();
    this.staging.publish();
    this.finished = true;
    return this.tree.stats();
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.tree.settle();
    this.staging.discard();
  }
}
