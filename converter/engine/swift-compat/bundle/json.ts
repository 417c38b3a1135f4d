// Tiny typed accessors for parsed JSON: Swift's Decodable either gets the type it wants or fails.
import type { JsonObject } from '../render-profile.ts';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function objectOf(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function arrayOf(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** `["a","b"]` → the strings; anything else (or any non-string element) → undefined. */
export function stringArrayOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** Parses UTF-8 JSON; undefined when it is not JSON (Swift's decoders fail the same way). */
export function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `identifier.url` of a render node. */
export function identifierUrl(node: JsonObject): string | undefined {
  return stringOf(objectOf(node.identifier)?.url);
}
