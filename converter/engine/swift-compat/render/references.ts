// Reference resolution shared by the article and symbol renderers (spec §4.9): look the id up as
// a key of `references`, else as the `identifier` field of an entry (first in document order).
import { isObject, stringOf } from '../bundle/json.ts';
import type { JsonObject } from '../render-profile.ts';

export interface ResolvedReference {
  title: string;
  url: string;
}

export class ReferenceTable {
  private readonly byKey: JsonObject;
  private byIdentifier: Map<string, JsonObject> | undefined;

  constructor(references: unknown) {
    this.byKey = isObject(references) ? references : {};
  }

  /** The entry for `id`, or undefined. */
  entry(id: string): JsonObject | undefined {
    const direct = this.byKey[id];
    if (isObject(direct)) return direct;
    return this.identifierIndex().get(id);
  }

  /** `[title](url)`, `title`, or "" (spec §4.9). */
  markdownLink(id: string): string {
    const entry = this.entry(id);
    const title = stringOf(entry?.title) ?? '';
    if (title === '') return '';
    const url = stringOf(entry?.url) ?? '';
    return url === '' ? title : `[${title}](${url})`;
  }

  /** The title only (tutorial renderer: never a link). */
  title(id: string): string {
    return stringOf(this.entry(id)?.title) ?? '';
  }

  private identifierIndex(): Map<string, JsonObject> {
    if (this.byIdentifier) return this.byIdentifier;
    this.byIdentifier = new Map();
    for (const value of Object.values(this.byKey)) {
      const identifier = isObject(value) ? stringOf(value.identifier) : undefined;
      if (identifier !== undefined && !this.byIdentifier.has(identifier)) this.byIdentifier.set(identifier, value as JsonObject);
    }
    return this.byIdentifier;
  }
}

/** Resolution disabled (the lossy symbol decoder): every reference renders as "". */
export const NO_REFERENCES = new ReferenceTable(undefined);
