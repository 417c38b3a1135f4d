// Writes JSON exactly like Swift's JSONEncoder with [.prettyPrinted, .sortedKeys,
// .withoutEscapingSlashes] (spec §7): `"key" : value`, two-space indent, keys in UTF-8 byte order,
// empty containers as "[\n\n<indent>]", lower-case \u00xx escapes, "/" unescaped, no final newline.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function writeSwiftJson(value: JsonValue): string {
  return write(value, '');
}

function write(value: JsonValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `[\n\n${indent}]`;
    return `[\n${value.map((item) => inner + write(item, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).sort(compareUtf8);
  if (keys.length === 0) return `{\n\n${indent}}`;
  const members = keys.map((key) => `${inner}${quote(key)} : ${write(value[key] as JsonValue, inner)}`);
  return `{\n${members.join(',\n')}\n${indent}}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(value: string): string {
  const escaped = value.replace(
    // eslint-disable-next-line no-control-regex
    /["\\\u0000-\u001f]/g,
    (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
