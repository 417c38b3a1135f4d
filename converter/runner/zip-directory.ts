// Streams a directory tree into a zip file with yazl: sorted entries and a fixed timestamp so the
// same tree always gives the same bytes; the total size of the files is capped.
import { createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { AppError } from '../errors.ts';

export interface ZipDirectoryResult {
  files: number;
  /** Size of the zip file written. */
  bytes: number;
}

const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function checkedTotal(root: string, files: readonly string[], maxBytes: number): Promise<void> {
  let total = 0;
  for (const file of files) {
    total += (await stat(path.join(root, file))).size;
    if (total > maxBytes) throw new AppError('OUTPUT_TOO_LARGE', 'The conversion produced more output than allowed.');
  }
}

/** Zips every regular file under `root` (paths relative to it, `/`-separated) into `zipPath`. */
export async function zipDirectory(root: string, zipPath: string, maxBytes: number): Promise<ZipDirectoryResult> {
  const files = await listFiles(root);
  await checkedTotal(root, files, maxBytes);
  const zip = new yazl.ZipFile();
  for (const file of files) {
    zip.addFile(path.join(root, file), file.split(path.sep).join('/'), { mtime: FIXED_MTIME, mode: 0o100644 });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath, { mode: 0o600 }));
  return { files: files.length, bytes: (await stat(zipPath)).size };
}
