// OutputSink streaming a zip of the output tree with yazl into a temporary file that is renamed
// onto the target at commit. Pages go straight into the zip (no staging on disk); at most
// MAX_PENDING pages wait to be deflated, so memory stays flat. A later write to a path already
// in the zip (a slug collision: the later page wins, as in the Swift tool) is appended, and the
// zip is rewritten once at commit with the last version of each entry in first-write order.
// Directory entries come before their first file; timestamps are fixed, so equal input gives an
// equal zip.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { EngineError } from '../api.ts';
import { messages, osErrorText } from '../messages.ts';
import type { OutputSink, OutputStats } from './output-sink.ts';
import { Staging } from './staging.ts';

// A local-time date so the DOS timestamp is the same in every time zone.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const FILE_OPTIONS = { mtime: FIXED_MTIME, mode: 0o100644, forceDosTimestamp: true };
const DIRECTORY_OPTIONS = { mtime: FIXED_MTIME, mode: 0o40755, forceDosTimestamp: true };
const MAX_PENDING = 32;

/** A zip being written to `path`; `finished` settles when the file is complete. */
class ZipWriter {
  readonly zip = new yazl.ZipFile();
  readonly finished: Promise<void>;
  private readonly file: fs.WriteStream;

  constructor(path: string) {
    this.file = fs.createWriteStream(path);
    // yazl reports a failed source stream on the ZipFile itself, not on its output stream.
    const failed = new Promise<never>((_, reject) => this.zip.once('error', reject));
    this.finished = Promise.race([pipeline(this.zip.outputStream, this.file), failed]);
    this.finished.catch(() => undefined);
  }

  /** Adds an entry whose bytes come from `open()` when yazl reaches it; resolves once consumed. */
  addLazy(name: string, size: number | undefined, open: () => Promise<Readable>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.zip.addReadStreamLazy(name, { ...FILE_OPTIONS, ...(size === undefined ? {} : { size }) }, (callback) => {
        open().then((stream) => {
          stream.once('end', () => resolve());
          stream.once('error', reject);
          callback(null, stream);
        }, reject);
      });
    });
  }

  addDirectory(name: string): void {
    this.zip.addEmptyDirectory(name, DIRECTORY_OPTIONS);
  }

  async end(): Promise<void> {
    this.zip.end();
    await this.finished;
  }

  /** Stops writing and waits until the file is closed (so it can be removed). */
  async destroy(): Promise<void> {
    if (this.file.closed) return;
    const closed = new Promise<void>((resolve) => this.file.once('close', () => resolve()));
    this.file.destroy();
    await closed;
  }
}

export class ZipSink implements OutputSink {
  private readonly staging: Staging;
  private readonly writer: ZipWriter;
  private readonly sizes = new Map<string, number>();
  private readonly directories = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private duplicates = false;
  private failure: unknown;
  private finished = false;

  private constructor(staging: Staging) {
    this.staging = staging;
    this.writer = new ZipWriter(staging.stagingPath);
  }

  static open(target: string, force: boolean): ZipSink {
    return new ZipSink(Staging.prepare(target, force, true));
  }

  async writeFile(relativePath: string, content: string | Uint8Array): Promise<void> {
    if (this.failure !== undefined) throw this.wrap(this.failure);
    this.addParents(relativePath);
    const data =
      typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    if (this.sizes.has(relativePath)) this.duplicates = true;
    this.sizes.set(relativePath, data.length);
    const consumed = this.writer.addLazy(relativePath, data.length, async () => Readable.from([data]));
    const tracked: Promise<void> = consumed
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    if (this.pending.size >= MAX_PENDING) await Promise.race(this.pending);
  }

  async makeDirectory(relativePath: string): Promise<void> {
    this.addParents(`${relativePath}/`);
  }

  async commit(): Promise<OutputStats> {
    try {
      await Promise.all(this.pending);
      if (this.failure !== undefined) throw this.failure;
      await this.writer.end();
      if (this.duplicates) await keepLastVersions(this.staging.stagingPath);
    } catch (error) {
      throw this.wrap(error);
    }
    this.staging.publish();
    this.finished = true;
    let bytes = 0;
    for (const size of this.sizes.values()) bytes += size;
    return { files: this.sizes.size, bytes };
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.writer.destroy();
    this.staging.discard();
  }

  /** Adds a directory entry for every ancestor of `relativePath` not added yet, outermost first. */
  private addParents(relativePath: string): void {
    const parts = relativePath.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      const directory = `${parts.slice(0, depth).join('/')}/`;
      if (this.directories.has(directory)) continue;
      this.directories.add(directory);
      this.writer.addDirectory(directory);
    }
  }

  private wrap(error: unknown): EngineError {
    if (error instanceof EngineError) return error;
    return new EngineError(messages.writeFailed(this.staging.target, osErrorText(error)), { cause: error });
  }
}

/** Rewrites the zip at `zipPath` keeping, for each name, its last version at its first position. */
async function keepLastVersions(zipPath: string): Promise<void> {
  const input = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const rewritten = `${zipPath}.rewrite`;
  try {
    const latest = new Map<string, yauzl.Entry>();
    for await (const entry of input.eachEntry()) latest.set(entry.fileName, entry);
    const output = new ZipWriter(rewritten);
    for (const [name, entry] of latest) {
      if (name.endsWith('/')) output.addDirectory(name);
      else void output.addLazy(name, entry.uncompressedSize, () => input.openReadStreamPromise(entry)).catch(() => undefined);
    }
    await output.end();
    fs.renameSync(rewritten, zipPath);
  } finally {
    input.close();
    fs.rmSync(rewritten, { force: true });
  }
}
