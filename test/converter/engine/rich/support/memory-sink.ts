// An OutputSink that keeps files in memory, for tests that inspect what a conversion wrote.
import type { OutputSink, OutputStats } from '../../../../../converter/engine/io/output-sink.ts';

export class MemorySink implements OutputSink {
  readonly files = new Map<string, string>();
  committed = false;

  async writeFile(relativePath: string, content: string): Promise<void> {
    this.files.set(relativePath, content);
  }

  async makeDirectory(): Promise<void> {}

  async commit(): Promise<OutputStats> {
    this.committed = true;
    let bytes = 0;
    for (const content of this.files.values()) bytes += Buffer.byteLength(content);
    return { files: this.files.size, bytes };
  }

  async abort(): Promise<void> {
    this.files.clear();
  }
}
