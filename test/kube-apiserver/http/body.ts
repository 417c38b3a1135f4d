// Reads a request body (capped like the real server's 3 MiB limit) and decodes JSON or YAML.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, tooLarge } from '../errors.ts';
import { decodeProtobuf, PROTOBUF } from './protobuf.ts';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** Decodes a body: protobuf for the kinds we decode, YAML for apply patches, JSON for everything else. */
export function decodeBody(body: Buffer, contentType: string): unknown {
  const text = body.toString('utf8');
  try {
    if (contentType === PROTOBUF) return decodeProtobuf(body);
    if (contentType === 'application/apply-patch+yaml' || contentType.endsWith('yaml')) return parseYaml(text) as unknown;
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest(`error decoding request body: ${(error as Error).message}`);
  }
}
