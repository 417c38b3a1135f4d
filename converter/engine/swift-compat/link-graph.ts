// linkgraph/adjacency.json (spec §7): catalog-topic edges only, Swift's JSON encoding.
import { compareCodePoints } from '../io/archive-reader.ts';
import { writeSwiftJson } from '../json-writer.ts';
import type { CatalogInfo } from './render-profile.ts';

export function renderLinkGraph(catalog: CatalogInfo, symbolIdentifiers: readonly string[]): string {
  const topicIds = catalog.topics.flatMap((topic) => topic.identifiers);
  const all = sortedSet([catalog.identifier, ...topicIds, ...symbolIdentifiers]);
  const adjacency = catalog.topics.length > 0 ? { [catalog.identifier]: sortedSet(topicIds) } : {};
  return writeSwiftJson({ adjacency, allPageIdentifiers: all, unresolvedReferences: [] });
}

function sortedSet(values: string[]): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}
