// The documentation pass streams: pages are written while later files are still being read,
// with a bounded number of reads in flight, and each file is read once.
import { expect } from 'chai';
import { loadCatalog } from '../../../../converter/engine/swift-compat/bundle/catalog.ts';
import type { ConversionContext } from '../../../../converter/engine/swift-compat/context.ts';
import { DocumentationPass } from '../../../../converter/engine/swift-compat/documentation.ts';
import type { ArchiveReader, ArchiveStat } from '../../../../converter/engine/io/archive-reader.ts';
import { DirectoryReader } from '../../../../converter/engine/io/directory-reader.ts';
import type { OutputSink, OutputStats } from '../../../../converter/engine/io/output-sink.ts';
import { swiftCompatProfile } from '../../../../converter/engine/swift-compat/render/profile.ts';
import { FIXTURE, engineOptions } from '../../../support/engine.ts';

class RecordingReader implements ArchiveReader {
  readonly events: string[] = [];
  readonly reads = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  private readonly inner: ArchiveReader;

  constructor(inner: ArchiveReader) {
    this.inner = inner;
  }

  displayPath(relativePath: string): string {
    return this.inner.displayPath(relativePath);
  }
  listFiles(directory: string): Promise<string[]> {
    return this.inner.listFiles(directory);
  }
  listChildren(directory: string): Promise<string[]> {
    return this.inner.listChildren(directory);
  }
  stat(relativePath: string): Promise<ArchiveStat | undefined> {
    return this.inner.stat(relativePath);
  }
  async readFile(relativePath: string): Promise<Buffer> {
    this.events.push(`read ${relativePath}`);
    this.reads.set(relativePath, (this.reads.get(relativePath) ?? 0) + 1);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.inner.readFile(relativePath);
    } finally {
      this.inFlight -= 1;
    }
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

class RecordingSink implements OutputSink {
  readonly written = new Map<string, string>();
  private readonly events: string[];

  constructor(events: string[]) {
    this.events = events;
  }

  async writeFile(relativePath: string, content: string): Promise<void> {
    this.events.push(`write ${relativePath}`);
    this.written.set(relativePath, content);
  }
  async makeDirectory(): Promise<void> {}
  async commit(): Promise<OutputStats> {
    return { files: this.written.size, bytes: 0 };
  }
  async abort(): Promise<void> {}
}

describe('DocumentationPass', () => {
  describe('when converting Docc2contextCore', () => {
    const reader = new RecordingReader(new DirectoryReader(FIXTURE.docc2contextCore));
    const sink = new RecordingSink(reader.events);
    let result: Awaited<ReturnType<DocumentationPass['run']>>;

    before(async () => {
      const { catalog, json } = await loadCatalog(reader, 'docc2contextcore');
      const context: ConversionContext = {
        reader,
        sink,
        profile: swiftCompatProfile,
        options: engineOptions(),
        catalog,
        technologyRoot: 'docc2contextcore',
        renderArchive: true,
        signal: undefined,
        warn: () => undefined,
      };
      result = await new DocumentationPass(context).run(json);
    });

    it('writes every article and symbol page', () => {
      expect(result.articles).to.equal(44);
      expect(sink.written.size).to.equal(485);
      expect(result.pageReferences).to.have.length(440);
    });

    it('reads every page file exactly once (the catalog included)', () => {
      const counts = [...reader.reads.values()];
      expect(reader.reads.size).to.equal(485);
      expect(counts.every((count) => count === 1)).to.equal(true);
    });

    it('writes pages while later files are still unread, with at most 17 reads in flight', () => {
      const firstWrite = reader.events.findIndex((event) => event.startsWith('write '));
      const lastRead = reader.events.findLastIndex((event) => event.startsWith('read '));
      expect(firstWrite).to.be.greaterThan(-1);
      expect(firstWrite).to.be.lessThan(lastRead);
      expect(reader.maxInFlight).to.be.at.most(17);
    });
  });
});
