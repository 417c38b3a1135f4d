// Builds small zips in memory for tests and the fake converter (adm-zip: trusted input, in memory).
import AdmZip from 'adm-zip';

/** A fixed modification time, so the same files always give the same zip bytes. */
const FIXED_MTIME = new Date(1980, 0, 1);

export function makeZip(files: Readonly<Record<string, string | Buffer>>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) {
    zip.addFile(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
    const entry = zip.getEntry(name);
    if (entry) entry.header.time = FIXED_MTIME;
  }
  return zip.toBuffer();
}
