// Symbol pages of a render archive (spec §4.9): a strict decode with reference resolution, or,
// when the node breaks a strict rule, a lossy one that keeps what it can.
import { arrayOf, identifierUrl, isObject, objectOf, stringArrayOf, stringOf } from '../bundle/json.ts';
import type { JsonObject, SymbolPage, TopicSection } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';
import type { BlockContext } from './blocks.ts';
import { renderBlocks } from './blocks.ts';
import { renderInlines } from './inline.ts';
import { NO_REFERENCES, ReferenceTable } from './references.ts';
import { isStrictSymbol, lossyContentBlocks } from './symbol-strict.ts';

export interface Declaration {
  language: string | undefined;
  text: string;
}

export interface SwiftSymbol extends SymbolPage {
  abstract: string | null;
  discussion: string[];
  moduleName: string | undefined;
  symbolKind: string | undefined;
  roleHeading: string | undefined;
  availability: string[];
  deprecated: boolean;
  deprecatedSummary: string | undefined;
  defaultImplementationCount: number;
  topicSections: TopicSection[];
  relationshipSections: TopicSection[];
  declarations: Declaration[];
  /** Titles of `references` entries with a non-empty title, by key. */
  referenceTitles: Map<string, string>;
}

export function decodeSymbol(json: JsonObject): SwiftSymbol | undefined {
  const identifier = identifierUrl(json);
  const metadata = objectOf(json.metadata);
  if (identifier === undefined || !metadata) return undefined;
  return isStrictSymbol(json) ? strictSymbol(json, identifier, metadata) : lossySymbol(json, identifier, metadata);
}

function baseFields(
  json: JsonObject,
  identifier: string,
  metadata: JsonObject,
): Omit<SwiftSymbol, 'abstract' | 'discussion' | 'topicSections' | 'relationshipSections' | 'declarations'> {
  return {
    identifier,
    title: stringOf(metadata.title) ?? identifier,
    moduleName: stringOf(objectOf(arrayOf(metadata.modules)?.[0])?.name),
    symbolKind: stringOf(metadata.symbolKind),
    roleHeading: stringOf(metadata.roleHeading),
    availability: stringArrayOf(metadata.availability) ?? [],
    deprecated: metadata.deprecated === true,
    deprecatedSummary: stringOf(metadata.deprecatedSummary),
    defaultImplementationCount: arrayOf(metadata.defaultImplementations)?.length ?? 0,
    referenceTitles: referenceTitles(json.references),
  };
}

function strictSymbol(json: JsonObject, identifier: string, metadata: JsonObject): SwiftSymbol {
  const references = new ReferenceTable(json.references);
  const discussion: string[] = [];
  const declarations: Declaration[] = [];
  for (const section of (arrayOf(json.primaryContentSections) ?? []).filter(isObject)) {
    if (section.kind === 'content') discussion.push(...renderBlocks(section.content, symbolContext(references, 1)));
    else if (section.kind === 'parameters') discussion.push(parametersBlock(section, references));
    if (Array.isArray(section.declarations)) declarations.push(...readDeclarations(section.declarations));
  }
  return {
    ...baseFields(json, identifier, metadata),
    abstract: json.abstract === undefined ? null : renderInlines(json.abstract, 'symbol', references),
    discussion,
    topicSections: lenientSections(json.topicSections, false),
    relationshipSections: lenientSections(json.relationshipsSections, false),
    declarations,
  };
}

function lossySymbol(json: JsonObject, identifier: string, metadata: JsonObject): SwiftSymbol {
  const discussion: string[] = [];
  const declarations: Declaration[] = [];
  for (const section of (arrayOf(json.primaryContentSections) ?? []).filter(isObject)) {
    if (section.kind === 'content') discussion.push(...lossyContentBlocks(section.content, symbolContext(NO_REFERENCES, 1)));
    if (section.kind === 'declarations' && Array.isArray(section.declarations)) {
      declarations.push(...readDeclarations(section.declarations));
    }
  }
  const relationships = Array.isArray(json.relationshipsSections) ? json.relationshipsSections : json.relationshipSections;
  return {
    ...baseFields(json, identifier, metadata),
    abstract: lossyAbstract(json.abstract),
    discussion,
    topicSections: lenientSections(json.topicSections, true),
    relationshipSections: lenientSections(relationships, true),
    declarations,
  };
}

function symbolContext(references: ReferenceTable, headingOffset: number): BlockContext {
  return { flavor: 'symbol', references, headingOffset };
}

function parametersBlock(section: JsonObject, references: ReferenceTable): string {
  const lines = ['### Parameters'];
  for (const parameter of (arrayOf(section.parameters) ?? []).filter(isObject)) {
    const text = swiftTrim(renderBlocks(parameter.content, symbolContext(references, 0)).join(' '));
    lines.push(`- \`${stringOf(parameter.name) ?? ''}\`: ${text === '' ? '_' : text}`);
  }
  return lines.join('\n');
}

function readDeclarations(values: unknown[]): Declaration[] {
  const out: Declaration[] = [];
  for (const declaration of values.filter(isObject)) {
    const tokens = (arrayOf(declaration.tokens) ?? []).filter(isObject);
    const text = swiftTrim(tokens.map((token) => stringOf(token.text) ?? '').join(''));
    if (text !== '') out.push({ language: stringOf(arrayOf(declaration.languages)?.[0]), text });
  }
  return out;
}

function lenientSections(value: unknown, requireTitle: boolean): TopicSection[] {
  const sections: TopicSection[] = [];
  for (const item of (arrayOf(value) ?? []).filter(isObject)) {
    const title = stringOf(item.title);
    if (requireTitle && title === undefined) continue;
    const identifiers = (arrayOf(item.identifiers) ?? []).filter((id): id is string => typeof id === 'string');
    sections.push({ title: title ?? '', identifiers });
  }
  return sections;
}

function lossyAbstract(value: unknown): string | null {
  const items = arrayOf(value);
  if (!items) return null;
  const text = swiftTrim(
    items
      .filter(isObject)
      .map((item) => (item.type === 'codeVoice' ? `\`${stringOf(item.code) ?? ''}\`` : (stringOf(item.text) ?? '')))
      .join(''),
  );
  return text === '' ? null : text;
}

function referenceTitles(value: unknown): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [key, entry] of Object.entries(objectOf(value) ?? {})) {
    const title = isObject(entry) ? stringOf(entry.title) : undefined;
    if (title) titles.set(key, title);
  }
  return titles;
}

/** What an empty API collection below this symbol shows as its "Context" section. */
export function symbolContextEntries(symbol: SwiftSymbol): string[] {
  const entries: string[] = [];
  const abstract = swiftTrim(symbol.abstract ?? '');
  if (abstract !== '') entries.push(abstract);
  const first = symbol.discussion.map(swiftTrim).find((block) => block !== '' && !block.startsWith('#'));
  if (first !== undefined) entries.push(first);
  return entries;
}
