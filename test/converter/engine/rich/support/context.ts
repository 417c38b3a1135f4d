// Builds a RenderContext for renderer unit tests: references plus a fixed set of written pages.
import type { JsonObject, RenderContext } from '../../../../../converter/engine/rich/types.ts';

export function testContext(references: JsonObject = {}, pages: Record<string, string> = {}): RenderContext {
  return {
    references,
    linkToPage: (identifier) => pages[identifier],
    unknown: new Map(),
  };
}
