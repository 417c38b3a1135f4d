// The strict symbol decoder's rules (spec §4.9): any failure sends the node to the lossy path.
import { arrayOf, identifierUrl, isObject, objectOf } from '../bundle/json.ts';
import type { JsonObject } from '../render-profile.ts';
import type { BlockContext } from './blocks.ts';
import { renderBlocks } from './blocks.ts';

const hasType = (value: unknown): boolean => isObject(value) && typeof value.type === 'string';
const allHaveType = (value: unknown): boolean => value === undefined || (Array.isArray(value) && value.every(hasType));

export function isStrictSymbol(json: JsonObject): boolean {
  const metadata = objectOf(json.metadata);
  if (identifierUrl(json) === undefined || !metadata) return false;
  if (!allHaveType(json.abstract)) return false;
  if (!metadataIsStrict(metadata)) return false;
  if (json.references !== undefined && !referencesAreObjects(json.references)) return false;
  return (arrayOf(json.primaryContentSections) ?? []).every(sectionIsStrict);
}

function metadataIsStrict(metadata: JsonObject): boolean {
  const modules = metadata.modules;
  if (
    modules !== undefined &&
    !(Array.isArray(modules) && modules.every((module) => isObject(module) && typeof module.name === 'string'))
  ) {
    return false;
  }
  const availability = metadata.availability;
  return availability === undefined || (Array.isArray(availability) && availability.every((item) => typeof item === 'string'));
}

function referencesAreObjects(references: unknown): boolean {
  return isObject(references) && Object.values(references).every(isObject);
}

function sectionIsStrict(section: unknown): boolean {
  if (!isObject(section)) return false;
  if (section.content !== undefined && !allHaveType(section.content)) return false;
  if (section.parameters !== undefined && !parametersAreStrict(section.parameters)) return false;
  return section.declarations === undefined || declarationsAreStrict(section.declarations);
}

function parametersAreStrict(parameters: unknown): boolean {
  return (
    Array.isArray(parameters) &&
    parameters.every(
      (parameter) =>
        isObject(parameter) && typeof parameter.name === 'string' && Array.isArray(parameter.content) && allHaveType(parameter.content),
    )
  );
}

function declarationsAreStrict(declarations: unknown): boolean {
  return (
    Array.isArray(declarations) &&
    declarations.every(
      (declaration) =>
        isObject(declaration) &&
        Array.isArray(declaration.tokens) &&
        declaration.tokens.every((token) => isObject(token) && typeof token.text === 'string'),
    )
  );
}

/**
 * Content blocks of the lossy path: the strict block decoder when every block has a type, else
 * a best-effort pass over headings, paragraphs, code listings and bullet lists.
 */
export function lossyContentBlocks(content: unknown, context: BlockContext): string[] {
  if (Array.isArray(content) && content.every(hasType)) return renderBlocks(content, context);
  const entries: string[] = [];
  for (const block of (arrayOf(content) ?? []).filter(isObject)) {
    const entry = manualBlock(block);
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

function manualBlock(block: JsonObject): string | undefined {
  switch (block.type) {
    case 'heading': {
      const level = typeof block.level === 'number' ? block.level : 2;
      return `${'#'.repeat(Math.min(6, Math.max(1, level + 1)))} ${typeof block.text === 'string' ? block.text : ''}`;
    }
    case 'paragraph':
      return manualInline(block.inlineContent);
    case 'codeListing':
      return typeof block.code === 'string' ? block.code : undefined;
    case 'unorderedList':
      return (arrayOf(block.items) ?? []).map(manualListItem).join('\n');
    default:
      return undefined;
  }
}

function manualInline(value: unknown): string {
  return (arrayOf(value) ?? [])
    .filter(isObject)
    .map((item) => (item.type === 'text' ? String(item.text ?? '') : item.type === 'codeVoice' ? String(item.code ?? '') : ''))
    .join('');
}

function manualListItem(item: unknown): string {
  const parts = (arrayOf(isObject(item) ? item.content : undefined) ?? [])
    .filter(isObject)
    .map((block) =>
      block.type === 'heading' ? String(block.text ?? '') : block.type === 'paragraph' ? manualInline(block.inlineContent) : '',
    )
    .filter((part) => part !== '');
  return parts.length > 0 ? `- ${parts.join(' ')}` : '- _';
}
