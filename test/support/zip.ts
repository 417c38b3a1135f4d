// Builds zip files for tests, including hostile ones no well-behaved writer would produce.
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

const FIXED_MTIME = new Date(0);

/** Zips `files` (name → content; names ending in "/" are directories) into `zipPath`. */
export async function writeZip(zipPath: string, files: Record<string, string | Buffer>): Promise<void> {
  fs.writeFileSync(zipPath, await zipBuffer(files));
}

export async function zipBuffer(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    // A fixed mtime makes the same files give the same zip bytes (cache keys, determinism).
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mtime: FIXED_MTIME });
    else zip.addBuffer(Buffer.from(content), name, { mtime: FIXED_MTIME });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Replaces every occurrence of `placeholder` in the zip's bytes by `evil` (same length), which
 * is how a test gets entry names such as "../x" that yazl refuses to write.
 */
export function renameEntriesRaw(zip: Buffer, placeholder: string, evil: string): Buffer {
  if (placeholder.length !== evil.length) throw new Error('placeholder and replacement must have the same length');
  const from = Buffer.from(placeholder);
  const to = Buffer.from(evil);
  const out = Buffer.from(zip);
  for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + to.length)) to.copy(out, at);
  return out;
}

/** Every file under `root`, as sorted POSIX paths relative to it. */
export function listFiles(root: string, relative = ''): string[] {
  const entries = fs
    .readdirSync(path.join(root, relative), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(root, name);
    return entry.isFile() ? [name] : [];
  });
}

/** Zips a directory tree (as the user would with `zip -r`) into memory, under a folder prefix ("X/"). */
export function zipTree(root: string, prefix = ''): Promise<Buffer> {
  const files: Record<string, Buffer> = {};
  for (const name of listFiles(root)) files[prefix + name] = fs.readFileSync(path.join(root, name));
  return zipBuffer(files);
}

/** Zips a directory tree into the file `zipPath`, optionally under a folder prefix. */
export async function zipDirectory(zipPath: string, root: string, prefix = ''): Promise<void> {
  fs.writeFileSync(zipPath, await zipTree(root, prefix));
}
