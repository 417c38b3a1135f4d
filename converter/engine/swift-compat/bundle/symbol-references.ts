// Symbol references: they feed only the summary's symbol count and the link graph (spec §4.4).
import { EngineError } from '../../api.ts';
import type { ArchiveReader } from '../../io/archive-reader.ts';
import { compareCodePoints } from '../../io/archive-reader.ts';
import { messages } from '../../messages.ts';
import type { JsonObject } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';
import { arrayOf, identifierUrl, isObject, objectOf, parseJson, stringOf } from './json.ts';

export interface SymbolReference {
  identifier: string;
  title: string;
  moduleName: string;
}

const SYMBOL_GRAPHS = 'data/symbol-graphs';

/**
 * References from data/symbol-graphs/*.symbols.json, or undefined when that path does not exist
 * (then a render archive takes them from its symbol pages, see symbolReferenceOfPage).
 */
export async function loadSymbolGraphReferences(
  reader: ArchiveReader,
  warn: (message: string) => void,
): Promise<SymbolReference[] | undefined> {
  if ((await reader.stat(SYMBOL_GRAPHS)) === undefined) return undefined;
  const references: SymbolReference[] = [];
  for (const file of await reader.listChildren(SYMBOL_GRAPHS)) {
    const name = file.slice(SYMBOL_GRAPHS.length + 1);
    if (!name.toLowerCase().endsWith('.symbols.json')) continue;
    const graph = decodeSymbolGraph(parseJson(await reader.readFile(file)));
    if (!graph) throw new EngineError(messages.symbolGraphMalformed(reader.displayPath(file)));
    const skipped = collectReferences(graph, references);
    if (skipped > 0) {
      warn(`DoccMetadataParser: skipped ${skipped} symbol(s) in ${name} due to missing identifiers or titles.`);
    }
  }
  return references;
}

interface SymbolGraph {
  moduleName: string;
  symbols: { identifier?: string; title?: string }[];
}

function decodeSymbolGraph(json: unknown): SymbolGraph | undefined {
  if (!isObject(json)) return undefined;
  const moduleName = stringOf(objectOf(json.module)?.name);
  const symbols = arrayOf(json.symbols);
  if (moduleName === undefined || !symbols) return undefined;
  const decoded: SymbolGraph['symbols'] = [];
  for (const symbol of symbols) {
    const entry = decodeGraphSymbol(symbol);
    if (!entry) return undefined;
    decoded.push(entry);
  }
  return { moduleName, symbols: decoded };
}

const isOptionalString = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

function decodeGraphSymbol(symbol: unknown): { identifier?: string; title?: string } | undefined {
  if (!isObject(symbol) || !isOptionalString(symbol.identifier)) return undefined;
  const { names } = symbol;
  if (names === undefined || names === null) return { identifier: stringOf(symbol.identifier) };
  if (!isObject(names) || !isOptionalString(names.title)) return undefined;
  return { identifier: stringOf(symbol.identifier), title: stringOf(names.title) };
}

function collectReferences(graph: SymbolGraph, into: SymbolReference[]): number {
  let skipped = 0;
  for (const symbol of graph.symbols) {
    if (!symbol.identifier || !symbol.title) skipped += 1;
    else into.push({ identifier: symbol.identifier, title: symbol.title, moduleName: graph.moduleName });
  }
  return skipped;
}

/** The reference a render-archive symbol page contributes (role "symbol", non-empty title). */
export function symbolReferenceOfPage(node: JsonObject): SymbolReference | undefined {
  if (node.kind !== 'symbol') return undefined;
  const identifier = identifierUrl(node);
  const metadata = objectOf(node.metadata);
  if (identifier === undefined || !metadata || metadata.role !== 'symbol') return undefined;
  const title = stringOf(metadata.title);
  if (!title) return undefined;
  const firstModule = objectOf(arrayOf(metadata.modules)?.[0]);
  return { identifier, title, moduleName: stringOf(firstModule?.name) ?? 'UnknownModule' };
}

/** Sorted by identifier, then module name; not de-duplicated. */
export function sortReferences(references: SymbolReference[]): SymbolReference[] {
  return references.sort((a, b) => compareCodePoints(a.identifier, b.identifier) || compareCodePoints(a.moduleName, b.moduleName));
}

/** Keeps the references whose module is named by --technology (trimmed, lower-cased). */
export function filterByTechnology(references: SymbolReference[], technologies: string[]): SymbolReference[] {
  const wanted = new Set(technologies.map((value) => swiftTrim(value).toLowerCase()).filter((value) => value !== ''));
  if (wanted.size === 0) return references;
  return references.filter((reference) => wanted.has(reference.moduleName.toLowerCase()));
}
