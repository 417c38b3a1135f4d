// Receives one upload into the request's workspace without holding it in memory: a multipart
// part named `file` (busboy, streaming) or a raw application/zip body. Enforces the size cap
// from Content-Length before reading and again on the bytes counted while streaming (413), and
// the zip magic bytes on the first bytes (415), and hashes the bytes as they pass, so the result
// cache never reads the upload again. Form fields are collected for the options.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../errors.ts';
import { addField, MAX_TECHNOLOGIES } from './options.ts';

export interface ReceivedUpload {
  bytes: number;
  /** SHA-256 of the stored file, hex, computed while it streamed in. */
  sha256: string;
  /** The client's file name (multipart only), used for the result's name. */
  fileName?: string;
  fields: Map<string, string[]>;
}

/** Option fields a form may carry: every `technology` value plus the few single options. */
export const MAX_FORM_FIELDS = MAX_TECHNOLOGIES + 16;
const MAX_FIELD_BYTES = 1024;
/** Multipart framing (boundaries, part headers, every option field at its cap) allowed on top of the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024 + MAX_FORM_FIELDS * MAX_FIELD_BYTES;
const RAW_ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed']);
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Decides from the headers alone, before a byte of the body is read. */
export function checkDeclaredUpload(headers: { contentType?: string; contentLength?: string }, maxBytes: number): 'multipart' | 'raw' {
  const type = mediaType(headers.contentType);
  const kind = type === 'multipart/form-data' ? 'multipart' : RAW_ZIP_TYPES.has(type) ? 'raw' : undefined;
  if (kind === undefined) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send a zip archive as multipart field "file" or as an application/zip body.');
  }
  const declared = Number(headers.contentLength ?? NaN);
  const allowed = maxBytes + (kind === 'multipart' ? MULTIPART_OVERHEAD_BYTES : 0);
  if (Number.isFinite(declared) && declared > allowed) throw tooLarge(maxBytes);
  return kind;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The upload exceeds the limit of ${formatMiB(maxBytes)}.`);
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

/** Counts and hashes bytes, fails past the cap, and checks the zip magic on the first four bytes. */
export class UploadGuard extends Transform {
  bytes = 0;
  private head = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    super();
    this.maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(tooLarge(this.maxBytes));
    if (this.head.length < 4) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, 4 - this.head.length)]);
      if (this.head.length === 4 && !ZIP_MAGIC.some((magic) => magic.equals(this.head))) return callback(notZip());
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes === 0) return callback(new AppError('BAD_REQUEST', 'The uploaded file is empty.'));
    if (this.head.length < 4) return callback(notZip());
    callback();
  }

  /** SHA-256 of every byte passed through, hex; only once the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

function notZip(): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The upload is not a zip archive.');
}

interface StoredFile {
  bytes: number;
  sha256: string;
}

/** Streams `source` through the guard into a new file; the source is never destroyed here. */
async function streamToFile(source: Readable, destPath: string, maxBytes: number): Promise<StoredFile> {
  const guard = new UploadGuard(maxBytes);
  const onSourceError = (): void => {
    guard.destroy(new AppError('BAD_REQUEST', 'The upload ended before it was complete.'));
  };
  // Kept for the source's lifetime: a late error (client gone) must not become an uncaught one.
  source.on('error', onSourceError);
  source.pipe(guard);
  try {
    await pipeline(guard, fs.createWriteStream(destPath, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    source.unpipe(guard);
    throw error;
  }
  return { bytes: guard.bytes, sha256: guard.digest() };
}

export async function receiveUpload(req: Request, destPath: string, maxBytes: number): Promise<ReceivedUpload> {
  const kind = checkDeclaredUpload({ contentType: req.get('content-type'), contentLength: req.get('content-length') }, maxBytes);
  if (kind === 'raw') {
    const stored = await withAbort(req, streamToFile(req, destPath, maxBytes));
    return { ...stored, fields: new Map() };
  }
  return withAbort(req, receiveMultipart(req, destPath, maxBytes));
}

/** A client that goes away mid-upload ends the wait at once (the workspace is then removed). */
function withAbort<T>(req: Request, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onClose = (): void => {
      if (!req.complete) reject(new AppError('BAD_REQUEST', 'The upload was interrupted before it was complete.'));
    };
    req.once('close', onClose);
    work.then(resolve, reject).finally(() => req.off('close', onClose));
  });
}

function receiveMultipart(req: Request, destPath: string, maxBytes: number): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields = new Map<string, string[]>();
    let file: { name?: string; done: Promise<StoredFile> } | undefined;
    let failure: unknown;
    const fail = (error: unknown): void => {
      failure ??= error;
      req.unpipe(parser);
      reject(failure);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes + 1, fields: MAX_FORM_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FORM_FIELDS + 1 },
      });
    } catch {
      // busboy refuses headers it cannot parse (no boundary) by throwing: the client's mistake.
      reject(new AppError('BAD_REQUEST', 'The multipart/form-data Content-Type has no boundary.'));
      return;
    }
    parser.on('field', (name, value) => addField(fields, name, value));
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file !== undefined) {
        stream.resume();
        fail(new AppError('BAD_REQUEST', 'Send exactly one file, in the multipart field "file".'));
        return;
      }
      file = { name: info.filename, done: streamToFile(stream, destPath, maxBytes) };
      file.done.catch(fail);
    });
    for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const) {
      parser.on(event, () => fail(new AppError('BAD_REQUEST', 'The form has too many parts; send one file and a few options.')));
    }
    parser.on('error', () => fail(new AppError('BAD_REQUEST', 'The multipart body is malformed or truncated.')));
    parser.on('close', () => {
      if (failure !== undefined) return;
      if (file === undefined) return fail(new AppError('BAD_REQUEST', 'The multipart field "file" is missing.'));
      const fileName = file.name;
      file.done.then((stored) => resolve({ ...stored, fileName, fields }), fail);
    });
    req.pipe(parser);
  });
}
