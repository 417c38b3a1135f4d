// Puts a job's source archive on disk in its workspace: decoded from inline base64 (size-capped)
// or downloaded through the SSRF-safe fetcher (size, time and redirects capped, sha256 checked).
import { writeFile } from 'node:fs/promises';
import type { JobSource } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';
import { download } from '../fetch/download.ts';
import type { DownloadLimits } from '../fetch/download.ts';
import type { GuardedHttp } from '../fetch/guarded-http.ts';
import { sha256Hex } from '../store/cache-key.ts';

export interface SourceDeps {
  http: GuardedHttp;
  downloadLimits: DownloadLimits;
  inlineMaxBytes: number;
}

export interface FetchedSource {
  bytes: number;
  sha256: string;
}

export async function fetchSource(deps: SourceDeps, source: JobSource, destination: string): Promise<FetchedSource> {
  if ('inline' in source) return writeInline(source.inline, destination, deps.inlineMaxBytes);
  return download(deps.http, { url: source.url, sha256: source.sha256, destination }, deps.downloadLimits);
}

async function writeInline(base64: string, destination: string, maxBytes: number): Promise<FetchedSource> {
  // base64 is 4 characters per 3 bytes: refuse before decoding anything too large.
  if (Math.floor((base64.length * 3) / 4) - 2 > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  await writeFile(destination, bytes, { mode: 0o600 });
  return { bytes: bytes.length, sha256: sha256Hex(bytes) };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Inline sources are limited to ${maxBytes} bytes; pass a URL instead`);
}
