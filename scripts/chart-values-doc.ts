// Reads the chart's values.yaml with its `# --` comments: each documented key (the comment
// right above it) becomes one row of the values reference. Pure: text in, rows or problems out.
import YAML from 'yaml';

export interface ValueDoc {
  /** Dotted path, e.g. `pool.replicas.min`. */
  key: string;
  type: string;
  /** The default as compact JSON. */
  default: string;
  description: string;
}

const KEY_LINE = /^(\s*)([A-Za-z0-9_-]+):(?:\s|$)/;
const DOC_LINE = /^\s*# -- (.*)$/;

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'number';
  return typeof value;
}

function valueAt(values: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], values);
}

/** The documented keys of values.yaml, in file order. */
export function documentedValues(text: string): ValueDoc[] {
  const values: unknown = YAML.parse(text);
  const stack: { indent: number; key: string }[] = [];
  const docs: ValueDoc[] = [];
  let pending: string | undefined;
  for (const line of text.split('\n')) {
    const doc = DOC_LINE.exec(line);
    if (doc) {
      pending = doc[1].trim();
      continue;
    }
    const match = KEY_LINE.exec(line);
    if (!match) continue;
    const indent = match[1].length;
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: match[2] });
    const key = stack.map((entry) => entry.key).join('.');
    if (pending !== undefined) {
      const value = valueAt(values, key);
      docs.push({ key, type: typeOf(value), default: JSON.stringify(value), description: pending });
    }
    pending = undefined;
  }
  return docs;
}

function leafKeys(value: unknown, prefix: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

/** Values that no `# --` comment documents, on themselves or on a map above them. */
export function undocumentedValues(text: string): string[] {
  const documented = documentedValues(text).map((doc) => doc.key);
  return leafKeys(YAML.parse(text), '').filter((leaf) => !documented.some((key) => leaf === key || leaf.startsWith(`${key}.`)));
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The chart README: a fixed introduction, then one table row per documented value. */
export function chartReadme(text: string, intro: string): string {
  const rows = documentedValues(text).map(
    (doc) => `| \`${doc.key}\` | ${doc.type} | \`${cell(doc.default)}\` | ${cell(doc.description)} |`,
  );
  return [intro.trimEnd(), '', '## Values', '', '| Key | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows, ''].join(
    '\n',
  );
}
