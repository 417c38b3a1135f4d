// A small XML property-list parser: enough for DocC's Info.plist (dict, array, string, integer,
// real, true/false, date, data). Binary and OpenStep plists are rejected as invalid.

export type PlistValue = string | number | boolean | Date | Buffer | PlistValue[] | { [key: string]: PlistValue };

export class PlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistError';
  }
}

interface Token {
  kind: 'open' | 'close' | 'empty' | 'text';
  name: string;
  text: string;
}

const PROLOGUE = /<\?xml[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->/g;
const TOKEN = /<(\/?)([A-Za-z]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g;

export function parseXmlPlist(text: string): PlistValue {
  const tokens = tokenize(text.replace(PROLOGUE, ''));
  const cursor = { at: 0 };
  expectTag(tokens, cursor, 'open', 'plist');
  const value = parseValue(tokens, cursor);
  expectTag(tokens, cursor, 'close', 'plist');
  if (cursor.at !== tokens.length) throw new PlistError('Trailing content after </plist>');
  return value;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [, slash, name, selfClose, chars] = match;
    if (chars !== undefined) {
      if (chars.trim() !== '') tokens.push({ kind: 'text', name: '', text: chars });
      else if (isScalarOpen(tokens.at(-1))) tokens.push({ kind: 'text', name: '', text: chars });
      continue;
    }
    const kind = slash ? 'close' : selfClose ? 'empty' : 'open';
    tokens.push({ kind, name: name ?? '', text: '' });
  }
  if (tokens.length === 0 && text.trim() !== '') throw new PlistError('Not an XML plist');
  return tokens;
}

// Whitespace matters inside <string> and <key>, not between structural tags.
function isScalarOpen(token: Token | undefined): boolean {
  return token?.kind === 'open' && !['plist', 'dict', 'array'].includes(token.name);
}

function expectTag(tokens: Token[], cursor: { at: number }, kind: Token['kind'], name: string): void {
  const token = tokens[cursor.at];
  if (token?.kind !== kind || token.name !== name) throw new PlistError(`Expected <${kind === 'close' ? '/' : ''}${name}>`);
  cursor.at += 1;
}

function parseValue(tokens: Token[], cursor: { at: number }): PlistValue {
  const token = tokens[cursor.at];
  if (!token || (token.kind !== 'open' && token.kind !== 'empty')) throw new PlistError('Expected a value');
  cursor.at += 1;
  if (token.kind === 'empty') return emptyValue(token.name);
  if (token.name === 'dict') return parseDict(tokens, cursor);
  if (token.name === 'array') return parseArray(tokens, cursor);
  const text = readText(tokens, cursor);
  expectTag(tokens, cursor, 'close', token.name);
  return scalar(token.name, text);
}

function emptyValue(name: string): PlistValue {
  switch (name) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'string':
      return '';
    case 'dict':
      return {};
    case 'array':
      return [];
    case 'data':
      return Buffer.alloc(0);
    default:
      throw new PlistError(`Unexpected <${name}/>`);
  }
}

function parseDict(tokens: Token[], cursor: { at: number }): PlistValue {
  const dict: { [key: string]: PlistValue } = {};
  while (tokens[cursor.at]?.kind !== 'close') {
    expectTag(tokens, cursor, 'open', 'key');
    const key = decodeEntities(readText(tokens, cursor));
    expectTag(tokens, cursor, 'close', 'key');
    dict[key] = parseValue(tokens, cursor);
  }
  expectTag(tokens, cursor, 'close', 'dict');
  return dict;
}

function parseArray(tokens: Token[], cursor: { at: number }): PlistValue {
  const items: PlistValue[] = [];
  while (tokens[cursor.at]?.kind !== 'close') items.push(parseValue(tokens, cursor));
  expectTag(tokens, cursor, 'close', 'array');
  return items;
}

function readText(tokens: Token[], cursor: { at: number }): string {
  const token = tokens[cursor.at];
  if (token?.kind !== 'text') return '';
  cursor.at += 1;
  return token.text;
}

function scalar(name: string, raw: string): PlistValue {
  const text = decodeEntities(raw);
  switch (name) {
    case 'string':
      return text;
    case 'integer':
      return parseNumber(text, /^[+-]?(\d+|0x[0-9a-f]+)$/i);
    case 'real':
      return parseNumber(text, /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i);
    case 'date':
      return parseDate(text);
    case 'data':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
    default:
      throw new PlistError(`Unknown plist element <${name}>`);
  }
}

function parseNumber(text: string, pattern: RegExp): number {
  const trimmed = text.trim();
  if (!pattern.test(trimmed)) throw new PlistError(`Invalid number ${trimmed}`);
  return Number(trimmed);
}

function parseDate(text: string): Date {
  const date = new Date(text.trim());
  if (Number.isNaN(date.getTime())) throw new PlistError(`Invalid date ${text}`);
  return date;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}
