// Loose shapes of swift-docc render JSON as the rich renderers read it. Real archives differ from
// RenderNode.spec.json in places (row/tabNavigator use `type`), so every field is optional and
// every reader tolerates a wrong type instead of trusting the schema.

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json | undefined;
}

/** Everything a renderer needs besides the node itself; built once per page. */
export interface RenderContext {
  /** The page's own `references` map. */
  references: JsonObject;
  /** Relative link from the current page to another page's generated `.md`, when it is written. */
  linkToPage(identifier: string): string | undefined;
  /** Relative link to a media file copied into the output, when the archive has it (rich/media.ts). */
  linkToMedia?(url: string): string | undefined;
  /** Counts node types the renderer does not know (their text is still kept). */
  unknown: UnknownTypeCounter;
  /** Topic list items rendered on this page, by identifier: each is rendered once however often it is used. */
  topicItems?: Map<string, string>;
  /** Counts characters of a list being built, so the output cap stops a page before it is joined. */
  charge?: (characters: number) => void;
}

export type UnknownTypeCounter = Map<string, number>;

export function countUnknown(counter: UnknownTypeCounter, key: string): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

export function asObjects(value: unknown): JsonObject[] {
  return asArray(value).filter(isObject);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asStrings(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

/** The discriminator of a content node: `type`, or `kind` where swift-docc uses that. */
export function nodeType(node: JsonObject): string {
  return asString(node.type) ?? asString(node.kind) ?? '';
}

export function reference(ctx: RenderContext, identifier: string | undefined): JsonObject | undefined {
  return identifier === undefined ? undefined : asObject(ctx.references[identifier]);
}
