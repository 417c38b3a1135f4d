// Declarations: tokens joined, one fenced block per declaration and language; the
// Objective-C (or any other) variant from `variantOverrides` follows as a second declaration.
import { applyPatch } from './json-patch.ts';
import type { PatchOperation } from './json-patch.ts';
import { codeFence, escapeText, joinBlocks } from './markdown.ts';
import { asObject, asObjects, asString, asStrings } from './types.ts';
import type { JsonObject } from './types.ts';

const FENCE_LANGUAGE: Record<string, string> = { occ: 'objc', objc: 'objc', 'objective-c': 'objc', swift: 'swift', data: 'json' };
const LANGUAGE_NAME: Record<string, string> = { occ: 'Objective-C', objc: 'Objective-C', swift: 'Swift', data: 'Data' };

export function tokensText(tokens: unknown): string {
  return asObjects(tokens)
    .map((token) => asString(token.text) ?? '')
    .join('');
}

/** The fenced declarations of one `declarations` section. */
export function renderDeclarations(section: JsonObject, fallbackLanguage = 'swift'): string[] {
  return asObjects(section.declarations).flatMap((declaration) => {
    const code = tokensText(declaration.tokens).trim();
    if (code === '') return [];
    const language = asStrings(declaration.languages)[0] ?? fallbackLanguage;
    const fenceLanguage = FENCE_LANGUAGE[language] ?? language;
    const others = asObjects(asObject(declaration.otherDeclarations)?.declarations)
      .map((other) => tokensText(other.tokens).trim())
      .filter((other) => other !== '');
    return [code, ...others].map((text) => codeFence(text, fenceLanguage));
  });
}

/** `## Declaration` for every declarations section of the page, in every language it has. */
export function renderDeclarationSection(page: JsonObject, section: JsonObject): string {
  const primary = renderDeclarations(section, pageLanguage(page));
  const variants = languageVariants(page).flatMap(({ language, patched }) => {
    const index = asObjects(page.primaryContentSections).indexOf(section);
    const variantSection = asObjects(patched.primaryContentSections)[index];
    const blocks = variantSection === undefined ? [] : renderDeclarations(variantSection, language);
    return blocks.filter((block) => !primary.includes(block)).map((block) => `${LANGUAGE_NAME[language] ?? language}:\n\n${block}`);
  });
  return joinBlocks(['## Declaration', ...primary, ...variants]);
}

export interface LanguageVariant {
  language: string;
  patched: JsonObject;
}

/** Every interface-language override of the page, applied to a copy of it. */
export function languageVariants(page: JsonObject): LanguageVariant[] {
  return asObjects(page.variantOverrides).flatMap((override) => {
    const trait = asObjects(override.traits).find((item) => typeof item.interfaceLanguage === 'string');
    const language = asString(trait?.interfaceLanguage);
    if (language === undefined || language === pageLanguage(page)) return [];
    const operations = asObjects(override.patch).filter(isPatchOperation);
    return [{ language, patched: applyPatch(page, operations) }];
  });
}

/** A line naming the page title in other languages when an override changes it. */
export function renderVariantTitles(page: JsonObject): string {
  const title = asString(asObject(page.metadata)?.title);
  const lines = languageVariants(page).flatMap(({ language, patched }) => {
    const variantTitle = asString(asObject(patched.metadata)?.title);
    return variantTitle === undefined || variantTitle === title
      ? []
      : [`${LANGUAGE_NAME[language] ?? language}: ${escapeText(variantTitle)}`];
  });
  return lines.join('\n');
}

export function pageLanguage(page: JsonObject): string {
  return asString(asObject(page.identifier)?.interfaceLanguage) ?? 'swift';
}

function isPatchOperation(value: JsonObject): value is JsonObject & PatchOperation {
  return typeof value.op === 'string' && typeof value.path === 'string';
}
