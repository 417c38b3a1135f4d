// Input detection (spec §2) and opening the matching ArchiveReader. Beyond the Swift CLI: a .zip
// file is read in place, and a directory that is a render archive (root metadata.json or
// index/index.json) is accepted whatever its name (e.g. an extracted upload or a static-hosting
// export). Everything Swift rejects otherwise is rejected with Swift's message.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_ARCHIVE_LIMITS } from '../archive/types.ts';
import { EngineError } from './api.ts';
import type { ZipInputPlan } from './api.ts';
import type { ArchiveReader } from './io/archive-reader.ts';
import { DirectoryReader } from './io/directory-reader.ts';
import { ZipInputError, ZipReader } from './io/zip-reader.ts';
import { messages } from './messages.ts';

/** Absolute, `.`/`..` removed lexically, symlinks kept, no trailing slash (Swift's standardised path). */
export function standardizePath(value: string, cwd: string = process.cwd()): string {
  return path.resolve(cwd, value);
}

/** True when one path equals the other or contains it, component by component (spec §8.1). */
export function pathsOverlap(input: string, output: string): boolean {
  const a = components(input);
  const b = components(output);
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.every((part, index) => longer[index] === part);
}

function components(absolute: string): string[] {
  return absolute.split('/').filter((part) => part !== '');
}

export async function openInput(inputPath: string, zipInput?: ZipInputPlan): Promise<ArchiveReader> {
  const stats = fs.statSync(inputPath, { throwIfNoEntry: false });
  if (!stats) throw new EngineError(messages.inputMissing(inputPath));
  if (stats.isDirectory()) return openDirectory(inputPath);
  const extension = path.extname(inputPath).toLowerCase();
  if (extension === '.doccarchive') throw new EngineError(messages.inputArchiveFile(inputPath));
  if (extension === '.zip') return openZip(inputPath, zipInput);
  throw new EngineError(messages.inputNotDirectory(inputPath));
}

const BUNDLE_EXTENSIONS = new Set(['.docc', '.doccarchive']);
const BUNDLE_MARKERS = ['Info.plist', 'metadata.json', 'index/index.json'];

function openDirectory(inputPath: string): ArchiveReader {
  const named = BUNDLE_EXTENSIONS.has(path.extname(inputPath).toLowerCase());
  if (!named && !BUNDLE_MARKERS.some((marker) => fs.existsSync(path.join(inputPath, marker)))) {
    throw new EngineError(messages.inputNotBundle(inputPath));
  }
  return new DirectoryReader(inputPath);
}

async function openZip(inputPath: string, plan: ZipInputPlan | undefined): Promise<ArchiveReader> {
  try {
    return await ZipReader.open(inputPath, plan ?? DEFAULT_ARCHIVE_LIMITS, plan?.root);
  } catch (error) {
    if (!(error instanceof ZipInputError)) throw error;
    throw new EngineError(zipMessage(error, inputPath), { cause: error, reason: `zip-${error.problem}` });
  }
}

function zipMessage(error: ZipInputError, inputPath: string): string {
  switch (error.problem) {
    case 'unsafe':
      return messages.zipUnsafe(inputPath, error.message);
    case 'too-large':
      return messages.zipTooLarge(inputPath);
    case 'not-docc':
      return messages.inputNotBundle(inputPath);
    default:
      return messages.zipCorrupt(inputPath);
  }
}
