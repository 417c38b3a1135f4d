// Builds zip files byte by byte for tests, so that every hostile shape (lying sizes, encryption
// flags, symlink modes, backslashes, duplicates) can be made on the fly. Not a general zip writer.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawZipEntry {
  name: string | Buffer;
  data?: Buffer | string;
  /** 0 stored, 8 deflated (default for files); anything else is written raw. */
  method?: number;
  /** General purpose flags; default 0x800 (UTF-8 names). */
  flags?: number;
  externalAttributes?: number;
  /** Declared uncompressed size, to make a lying header. */
  declaredSize?: number;
  crc?: number;
}

const UNIX_MADE_BY = (3 << 8) | 20;
const DOS_DATE_1980 = 0x21;

function encode(entry: RawZipEntry): { name: Buffer; raw: Buffer; stored: Buffer; method: number } {
  const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
  const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
  const method = entry.method ?? (name.at(-1) === 0x2f ? 0 : 8);
  const stored = method === 8 ? deflateRawSync(raw) : raw;
  return { name, raw, stored, method };
}

export function buildZip(entries: readonly RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { name, raw, stored, method } = encode(entry);
    const flags = entry.flags ?? 0x800;
    const crc = entry.crc ?? crc32(raw);
    const size = entry.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_DATE_1980, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(UNIX_MADE_BY, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_DATE_1980, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entry.externalAttributes ?? defaultAttributes(name), 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function defaultAttributes(name: Buffer): number {
  const mode = name.at(-1) === 0x2f ? 0o40755 : 0o100644;
  return (mode << 16) >>> 0;
}

/** A fresh temporary directory for one test. */
export function tempDir(label = 'archive-test'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `d2c-${label}-`));
}

/** Writes a built zip into `dir` and returns its path. */
export async function writeZip(dir: string, entries: readonly RawZipEntry[], name = 'upload.zip'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, buildZip(entries));
  return file;
}

/** Minimal DocC render archive entries under `root` (e.g. "Demo.doccarchive/"). */
export function doccEntries(root: string): RawZipEntry[] {
  return [
    { name: `${root}` },
    { name: `${root}metadata.json`, data: '{"bundleDisplayName":"Demo"}' },
    { name: `${root}data/documentation/demo/!=(_:_:).json`, data: '{"kind":"symbol"}' },
  ];
}
