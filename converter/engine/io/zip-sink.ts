// OutputSink producing a zip of the same tree. Pages are staged as files next to the target (a
// later write to the same path must replace an earlier one, which a streamed zip cannot do),
// then streamed with yazl, in code-point order with fixed timestamps so equal input gives an
// equal zip, into a temporary file that is renamed onto the target.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { EngineError } from '../api.ts';
import { messages, osErrorText } from '../messages.ts';
import { compareCodePoints } from './archive-reader.ts';
import { TreeWriter } from './tree-writer.ts';
import type { OutputSink, OutputStats } from './output-sink.ts';
import { Staging } from './staging.ts';

// A local-time date so the DOS timestamp is the same in every time zone.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const DIRECTORY_MODE = 0o40755;

export class ZipSink implements OutputSink {
  private readonly staging: Staging;
  private readonly tree: TreeWriter;
  private finished = false;

  private constructor(staging: Staging) {
    this.staging = staging;
    const treeRoot = `${staging.stagingPath}.d`;
    try {
      fs.mkdirSync(treeRoot);
    } catch (error) {
      staging.discard();
      throw new EngineError(messages.outputCreateFailed(staging.target, osErrorText(error)), { cause: error });
    }
    this.tree = new TreeWriter(treeRoot, staging.target);
  }

  static open(target: string, force: boolean): ZipSink {
    return new ZipSink(Staging.prepare(target, force, true));
  }

  writeFile(relativePath: string, content: string): Promise<void> {
    return this.tree.writeFile(relativePath, content);
  }

  makeDirectory(relativePath: string): Promise<void> {
    return this.tree.ensureDirectory(relativePath);
  }

  async commit(): Promise<OutputStats> {
    await this.tree.flush();
    const stats = this.tree.stats();
    try {
      await writeZip(this.tree.root, this.staging.stagingPath);
    } catch (error) {
      throw new EngineError(messages.writeFailed(this.staging.target, osErrorText(error)), { cause: error });
    }
    this.staging.publish();
    this.finished = true;
    fs.rmSync(this.tree.root, { recursive: true, force: true });
    return stats;
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.tree.settle();
    fs.rmSync(this.tree.root, { recursive: true, force: true });
    this.staging.discard();
  }
}

async function writeZip(treeRoot: string, zipPath: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const file = fs.createWriteStream(zipPath);
  // yazl reports a failed source read on the ZipFile itself, not on its output stream.
  const failed = new Promise<never>((_, reject) => zip.once('error', reject));
  const done = pipeline(zip.outputStream, file);
  for (const entry of listTree(treeRoot)) addEntry(zip, treeRoot, entry);
  zip.end();
  try {
    await Promise.race([done, failed]);
  } finally {
    file.destroy();
  }
}

// yazl opens and streams one file at a time, so memory stays flat however large the tree is.
function addEntry(zip: yazl.ZipFile, treeRoot: string, entry: string): void {
  const options = { mtime: FIXED_MTIME, forceDosTimestamp: true };
  if (entry.endsWith('/')) zip.addEmptyDirectory(entry, { ...options, mode: DIRECTORY_MODE });
  else zip.addFile(path.join(treeRoot, entry), entry, { ...options, mode: FILE_MODE });
}

/** Every directory (with a trailing "/") and file under `root`, sorted by code point. */
function listTree(root: string): string[] {
  const entries: string[] = [];
  const walk = (relative: string): void => {
    for (const dirent of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const name = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      if (dirent.isDirectory()) {
        entries.push(`${name}/`);
        walk(name);
      } else entries.push(name);
    }
  };
  walk('');
  return entries.sort(compareCodePoints);
}
