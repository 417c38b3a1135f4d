// Reads the Markdown files (and the root `llms.txt`, the archive's index for LLMs) out of a result
// zip held in memory, for a configMap output. The zip comes from our converter, but over the
// network: every limit is checked before the bytes it guards are read (docs/operator.md), so a large or
// malformed result fails fast and bounded.
import AdmZip from 'adm-zip';
import { DispatchError } from './errors.ts';

export interface ResultZipLimits {
  /** Largest zip parsed at all. */
  maxZipBytes: number;
  /** Most entries (of any kind) in its central directory. */
  maxEntries: number;
  /** Most bytes of kept files: their uncompressed content plus their names. */
  maxBytes: number;
}

/** What a configMap output keeps: every Markdown file and llms.txt. */
export function isOutputFile(name: string): boolean {
  return name.endsWith('.md') || name === 'llms.txt';
}

export function readMarkdownFiles(zip: Buffer, limits: ResultZipLimits): Map<string, string> {
  if (zip.length > limits.maxZipBytes) throw tooLarge(`The result zip exceeds the ${kib(limits.maxZipBytes)} KiB a ConfigMap output reads`);
  const archive = open(zip);
  if (archive.getEntryCount() > limits.maxEntries) {
    throw tooLarge(`The result holds more than the ${limits.maxEntries} files a ConfigMap output reads`);
  }
  const kept = unreadable(() => archive.getEntries()).filter((entry) => !entry.isDirectory && isOutputFile(entry.entryName));
  // Declared sizes first, so nothing is inflated for a result that cannot fit.
  const declared = kept.reduce((total, entry) => total + entry.header.size + entry.entryName.length, 0);
  if (declared > limits.maxBytes) throw markdownTooLarge(limits.maxBytes);
  const files = new Map<string, string>();
  let total = 0;
  for (const entry of kept) {
    // adm-zip inflates no more than the declared size and checks the CRC; a stored entry may still
    // hold more than its header says, so count what really came out.
    const content = unreadable(() => entry.getData());
    total += content.length + entry.entryName.length;
    if (total > limits.maxBytes) throw markdownTooLarge(limits.maxBytes);
    files.set(entry.entryName, content.toString('utf8'));
  }
  return files;
}

function open(zip: Buffer): AdmZip {
  return unreadable(() => new AdmZip(zip));
}

/** Runs one step of reading the zip; any failure is an unreadable result (transient: the next attempt gets a fresh one). */
function unreadable<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new DispatchError('INTERNAL', 'Converter sent an unreadable result zip', { permanent: false, cause: error });
  }
}

function kib(bytes: number): number {
  return Math.round(bytes / 1024);
}

function tooLarge(message: string): DispatchError {
  return new DispatchError('OUTPUT_TOO_LARGE', message, { permanent: true });
}

function markdownTooLarge(maxBytes: number): DispatchError {
  return tooLarge(`The Markdown files exceed the ${kib(maxBytes)} KiB a ConfigMap output holds`);
}
