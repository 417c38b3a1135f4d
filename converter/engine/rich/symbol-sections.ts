// Symbol page sections beyond prose: parameters, properties, REST endpoint/parameters/body/
// responses, possible values, mentions, attributes and plist details.
import { renderBlocks } from './blocks.ts';
import { topicListItem } from './containers.ts';
import { tokensText } from './declarations.ts';
import { codeFence, codeSpan, escapeText, indentContinuation, joinBlocks, labelled } from './markdown.ts';
import { asArray, asObject, asObjects, asString, asStrings } from './types.ts';
import type { JsonObject, RenderContext } from './types.ts';

/** `- \`name\`: description`, further blocks indented under the item. */
function namedItem(label: string, body: string): string {
  return `- ${indentContinuation(labelled(label, body), '  ')}`;
}

function titled(section: JsonObject, fallback: string, body: string): string {
  return body === '' ? '' : joinBlocks([`## ${escapeText(asString(section.title) ?? fallback)}`, body]);
}

export function renderParameters(section: JsonObject, ctx: RenderContext): string {
  const items = asObjects(section.parameters).map((parameter) =>
    namedItem(codeSpan(asString(parameter.name) ?? ''), renderBlocks(parameter.content, ctx, 2)),
  );
  return titled(section, 'Parameters', items.join('\n'));
}

export function renderPossibleValues(section: JsonObject, ctx: RenderContext): string {
  const items = asObjects(section.values).map((value) =>
    namedItem(codeSpan(asString(value.name) ?? ''), renderBlocks(value.content, ctx, 2)),
  );
  return titled(section, 'Possible Values', items.join('\n'));
}

/** Typed properties of `properties`, `restParameters` and `restBody` sections. */
function renderTypedProperties(items: unknown, ctx: RenderContext): string {
  return asObjects(items)
    .map((property) => {
      const type = tokensText(property.type);
      const flags = propertyFlags(property);
      const label = [codeSpan(asString(property.name) ?? ''), type === '' ? '' : `(${codeSpan(type)})`, flags]
        .filter((part) => part !== '')
        .join(' ');
      const body = joinBlocks([renderBlocks(property.content, ctx, 2), renderAttributes(property.attributes)]);
      return namedItem(label, body);
    })
    .join('\n');
}

function propertyFlags(property: JsonObject): string {
  const flags = [
    property.required === true ? 'required' : '',
    property.readOnly === true ? 'read-only' : '',
    property.deprecated === true ? 'deprecated' : '',
    asString(property.mimeType) ?? '',
    asString(property.introducedVersion) === undefined ? '' : `introduced in ${asString(property.introducedVersion)}`,
  ].filter((flag) => flag !== '');
  return flags.length === 0 ? '' : `*${escapeText(flags.join(', '))}*`;
}

/** Attributes (default, minimum, allowed values/types) as `Title: value` lines. */
function renderAttributes(attributes: unknown): string {
  return asObjects(attributes)
    .map((attribute) => {
      const kind = asString(attribute.kind) ?? '';
      const title = (asString(attribute.title) ?? kind) + (kind.endsWith('Exclusive') ? ' (exclusive)' : '');
      const value = asString(attribute.value);
      const values = asArray(attribute.values).map((item) => (typeof item === 'string' ? item : tokensText(item)));
      const text = value ?? values.join(', ');
      return `- ${escapeText(title)}: ${codeSpan(text)}`;
    })
    .join('\n');
}

export function renderProperties(section: JsonObject, ctx: RenderContext): string {
  return titled(section, 'Properties', renderTypedProperties(section.items, ctx));
}

export function renderAttributesSection(section: JsonObject): string {
  return titled(section, 'Attributes', renderAttributes(section.attributes));
}

export function renderRestEndpoint(section: JsonObject): string {
  const tokens = tokensText(section.tokens).trim();
  return titled(section, 'Endpoint', tokens === '' ? '' : codeFence(tokens, 'http'));
}

export function renderRestParameters(section: JsonObject, ctx: RenderContext): string {
  return titled(section, 'Parameters', renderTypedProperties(section.items, ctx));
}

export function renderRestBody(section: JsonObject, ctx: RenderContext): string {
  const type = tokensText(section.bodyContentType);
  const mime = asString(section.mimeType);
  const line = [mime === undefined ? '' : `- Content type: ${codeSpan(mime)}`, type === '' ? '' : `- Body: ${codeSpan(type)}`]
    .filter((part) => part !== '')
    .join('\n');
  return titled(
    section,
    'HTTP Body',
    joinBlocks([line, renderBlocks(section.content, ctx, 2), renderTypedProperties(section.parameters, ctx)]),
  );
}

export function renderRestResponses(section: JsonObject, ctx: RenderContext): string {
  const items = asObjects(section.items).map((response) => {
    const status = [String(response.status ?? ''), asString(response.reason) ?? ''].join(' ').trim();
    const type = tokensText(response.type);
    const mime = asString(response.mimeType);
    const label = [`**${escapeText(status)}**`, type === '' ? '' : codeSpan(type), mime === undefined ? '' : `(${escapeText(mime)})`]
      .filter((part) => part !== '')
      .join(' ');
    return namedItem(label, renderBlocks(response.content, ctx, 2));
  });
  return titled(section, 'Response Codes', items.join('\n'));
}

export function renderMentions(section: JsonObject, ctx: RenderContext): string {
  const items = asStrings(section.mentions).map((identifier) => topicListItem(identifier, ctx));
  return titled(section, 'Mentioned In', items.join('\n'));
}

/** Property-list details: the key's name and value type. */
export function renderDetails(section: JsonObject): string {
  const details = asObject(section.details);
  const name = asString(details?.name) ?? asString(details?.ideTitle);
  const types = asObjects(details?.value)
    .map((value) => asString(value.baseType) ?? '')
    .filter(Boolean);
  const lines = [name === undefined ? '' : `- Name: ${codeSpan(name)}`, types.length === 0 ? '' : `- Type: ${codeSpan(types.join(', '))}`];
  return titled(section, 'Details', lines.filter((line) => line !== '').join('\n'));
}
