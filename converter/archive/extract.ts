// extractZip: validates the central directory, then streams every kept entry to disk under
// destDir, charging the bytes actually inflated to the archive's budget. On any failure it
// removes everything it wrote before throwing.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Entry } from 'yauzl';
import { AppError } from '../errors.ts';
import { quoteName } from './entry-rules.ts';
import { InflateBudget, meteredEntryStream } from './inflate-budget.ts';
import { entryCap } from './limits.ts';
import { scanZip } from './scan.ts';
import type { EntryVisitor } from './scan.ts';
import type { ArchiveLimits, ExtractResult } from './types.ts';
import { validateZip } from './validate.ts';
import { toArchiveError } from './zip-reader.ts';
import type { OpenZip } from './zip-reader.ts';

/** Entries inflated at once: enough to overlap file-system latency, few enough to bound memory. */
const PARALLEL_WRITES = 8;

/** Joins entry segments under root and proves the result stays inside it. */
export function resolveInside(root: string, segments: readonly string[]): string {
  const target = path.resolve(root, ...segments);
  if (!target.startsWith(root + path.sep)) {
    throw new AppError('UNSAFE_ARCHIVE', `The zip entry ${quoteName(segments.join('/'))} escapes the archive.`);
  }
  return target;
}

class EntryWriter implements EntryVisitor {
  files = 0;
  readonly topLevel = new Set<string>();
  private readonly madeDirectories = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  private readonly root: string;
  private readonly budget: InflateBudget;
  private readonly limits: ArchiveLimits;

  constructor(root: string, budget: InflateBudget, limits: ArchiveLimits) {
    this.root = root;
    this.budget = budget;
    this.limits = limits;
  }

  async directory(segments: string[]): Promise<void> {
    this.topLevel.add(segments[0]);
    await this.ensureDirectory(resolveInside(this.root, segments));
  }

  /** Starts writing the entry; waits only when PARALLEL_WRITES are already in progress. */
  async file(entry: Entry, segments: string[], zip: OpenZip): Promise<void> {
    this.throwIfFailed();
    this.topLevel.add(segments[0]);
    const target = resolveInside(this.root, segments);
    const write = this.write(entry, target, zip).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
    if (this.pending.size >= PARALLEL_WRITES) await Promise.race(this.pending);
    this.throwIfFailed();
  }

  /** Waits for every started write; rethrows the first failure. */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private async write(entry: Entry, target: string, zip: OpenZip): Promise<void> {
    await this.ensureDirectory(path.dirname(target));
    const source = await zip.openStream(entry);
    const expected = {
      name: path.relative(this.root, target),
      size: entry.uncompressedSize,
      crc32: entry.crc32,
      capBytes: entryCap(entry.compressedSize, this.limits),
    };
    // 'wx' never follows or overwrites anything already there.
    await pipeline(source, meteredEntryStream(this.budget, expected), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    this.files += 1;
  }

  private async ensureDirectory(directory: string): Promise<void> {
    if (directory === this.root) return;
    let made = this.madeDirectories.get(directory);
    if (made === undefined) {
      made = mkdir(directory, { recursive: true, mode: 0o700 });
      this.madeDirectories.set(directory, made);
    }
    await made;
  }
}

async function removeWritten(root: string, createdRoot: string | undefined, topLevel: ReadonlySet<string>): Promise<void> {
  if (createdRoot !== undefined) {
    await rm(createdRoot, { recursive: true, force: true });
    return;
  }
  await Promise.all([...topLevel].map((name) => rm(path.join(root, name), { recursive: true, force: true })));
}

/** Extracts a validated zip into destDir (created if missing). Junk entries are skipped. */
export async function extractZip(zipPath: string, destDir: string, limits: ArchiveLimits): Promise<ExtractResult> {
  const { capBytes, capText } = await validateZip(zipPath, limits);
  const root = path.resolve(destDir);
  const createdRoot = await mkdir(root, { recursive: true, mode: 0o700 });
  const budget = new InflateBudget(capBytes, capText);
  const writer = new EntryWriter(root, budget, limits);
  try {
    const { tree } = await scanZip(zipPath, limits, writer);
    return { files: writer.files, bytes: budget.bytes, tree };
  } catch (error) {
    await removeWritten(root, createdRoot, writer.topLevel);
    throw toArchiveError(error);
  }
}
