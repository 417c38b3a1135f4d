// Reads the Markdown files (and the root `llms.txt`, the archive's index for LLMs) out of a result
// zip in memory, refusing to hold more than maxBytes of uncompressed text (the configMap output
// cap), so a large result fails fast and bounded.
import yauzl from 'yauzl';
import { DispatchError } from './errors.ts';

export async function readMarkdownFiles(zip: Buffer, maxBytes: number): Promise<Map<string, string>> {
  let archive: yauzl.ZipFile;
  try {
    archive = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  } catch (error) {
    throw new DispatchError('INTERNAL', 'Converter sent an unreadable result zip', { permanent: false, cause: error });
  }
  const files = new Map<string, string>();
  let total = 0;
  try {
    for await (const entry of archive.eachEntry()) {
      if (!isOutputFile(entry.fileName)) continue;
      total += entry.uncompressedSize + entry.fileName.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      files.set(entry.fileName, await readEntry(archive, entry, maxBytes));
    }
  } finally {
    archive.close();
  }
  return files;
}

/** What a configMap output keeps: every Markdown file and llms.txt. */
export function isOutputFile(name: string): boolean {
  return name.endsWith('.md') || name === 'llms.txt';
}

function tooLarge(maxBytes: number): DispatchError {
  return new DispatchError('OUTPUT_TOO_LARGE', `The Markdown files exceed the ${Math.round(maxBytes / 1024)} KiB a ConfigMap output holds`, {
    permanent: true,
  });
}

async function readEntry(archive: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<string> {
  const stream = await archive.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // The header's size may lie; count what really comes out.
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
