// SSRF-safe download of a job's source archive to a file: http(s) only, every connection
// (redirects included) checked by GuardedHttp, redirects capped, size capped while streaming
// (Content-Length is not trusted), time capped, SHA-256 verified.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';
import { downloadError } from './errors.ts';
import type { GuardedHttp } from './guarded-http.ts';

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export interface DownloadRequest {
  url: string;
  /** Expected SHA-256 (hex) of the body; a mismatch is CHECKSUM_MISMATCH (permanent). */
  sha256?: string;
  destination: string;
  signal?: AbortSignal;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function download(http: GuardedHttp, request: DownloadRequest, limits: DownloadLimits): Promise<DownloadResult> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
  try {
    const response = await followRedirects(http, new URL(request.url), signal, limits.maxRedirects);
    const result = await saveBody(response, request.destination, limits.maxBytes, signal);
    if (request.sha256 !== undefined && result.sha256 !== request.sha256.toLowerCase()) {
      throw new AppError('CHECKSUM_MISMATCH', 'The downloaded source does not match its sha256');
    }
    return result;
  } catch (error) {
    throw downloadError(error, timeout);
  }
}

async function followRedirects(http: GuardedHttp, start: URL, signal: AbortSignal, maxRedirects: number): Promise<IncomingMessage> {
  let url = start;
  for (let hop = 0; hop <= maxRedirects; hop += 1) {
    const response = await http.request(url, { method: 'GET', signal });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location !== undefined) {
      response.resume();
      url = new URL(location, url);
      continue;
    }
    if (status >= 200 && status < 300) return response;
    response.resume();
    throw new AppError('SOURCE_UNREACHABLE', `The source URL answered HTTP ${status}`);
  }
  throw new AppError('SOURCE_UNREACHABLE', `The source URL redirected more than ${maxRedirects} times`);
}

async function saveBody(response: IncomingMessage, destination: string, maxBytes: number, signal: AbortSignal): Promise<DownloadResult> {
  const tooLarge = (): AppError => new AppError('PAYLOAD_TOO_LARGE', `The source is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) return callback(tooLarge());
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(response, meter, createWriteStream(destination, { mode: 0o600 }), { signal });
  return { bytes, sha256: hash.digest('hex') };
}
