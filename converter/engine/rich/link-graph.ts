// The rich profile's link graph: every written page → the written pages it links to (topics,
// relationships, see also, inline references), plus every page identifier and the
// topic references whose page is not written. Same file name and
// top-level keys as the Swift CLI's (`adjacency`, `allPageIdentifiers`, `unresolvedReferences`).
import { compareCodePoints } from '../io/archive-reader.ts';
import { writeSwiftJson } from '../json-writer.ts';

export function renderLinkGraph(edges: ReadonlyMap<string, ReadonlySet<string>>, unresolved: Iterable<string>): string {
  const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareCodePoints);
  const adjacency: Record<string, string[]> = {};
  for (const source of sorted(edges.keys())) {
    const targets = sorted(edges.get(source) ?? []);
    if (targets.length > 0) adjacency[source] = targets;
  }
  const graph = {
    adjacency,
    allPageIdentifiers: sorted(edges.keys()),
    unresolvedReferences: sorted(unresolved),
  };
  // The same encoding as the Swift CLI's graph, so one reader parses both profiles' output.
  return writeSwiftJson(graph);
}
