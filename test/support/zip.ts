// Builds zip files for tests, including hostile ones no well-behaved writer would produce.
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

/** Zips `files` (name → content; names ending in "/" are directories) into `zipPath`. */
export async function writeZip(zipPath: string, files: Record<string, string | Buffer>): Promise<void> {
  fs.writeFileSync(zipPath, await zipBuffer(files));
}

export async function zipBuffer(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(content), name);
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

/** Zips a directory tree (as the user would with `zip -r`), optionally under a folder prefix. */
export async function zipDirectory(zipPath: string, root: string, prefix = ''): Promise<void> {
  const files: Record<string, Buffer> = {};
  const walk = (relative: string): void => {
    for (const dirent of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const name = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      if (dirent.isDirectory()) walk(name);
      else files[prefix + name] = fs.readFileSync(path.join(root, name));
    }
  };
  walk('');
  await writeZip(zipPath, files);
}
