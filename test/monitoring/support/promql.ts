// A small PromQL reader for the monitoring tests: which metric names an expression selects, and
// which label names each selector matches on. Enough for our rules and dashboard (no
// `{__name__=…}` selectors); promtool parses them for real in promtool.integration.test.ts.

const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'start',
  'end',
  'atan2',
]);
const IDENTIFIER = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;

export interface Selector {
  metric: string;
  /** Label names of the selector's matchers (`{a="x", b=~"y"}` → a, b). */
  labels: string[];
}

/** The expression without string literals, label matchers and range or subquery brackets. */
function skeleton(expr: string): string {
  return expr
    .replace(STRINGS, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(GROUPING, ' ');
}

/** Metric names the expression selects: identifiers that are not functions, keywords or numbers. */
export function metricNames(expr: string): string[] {
  const text = skeleton(expr);
  const names = new Set<string>();
  for (const match of text.matchAll(IDENTIFIER)) {
    const before = text[match.index - 1] ?? ' ';
    const after = text.slice(match.index + match[0].length).trimStart();
    const isNumberPart = /[0-9.]/.test(before);
    if (after.startsWith('(') || KEYWORDS.has(match[0].toLowerCase()) || isNumberPart) continue;
    names.add(match[0]);
  }
  return [...names].sort();
}

/** Every `metric{matchers}` selector with the label names it matches on. */
export function selectors(expr: string): Selector[] {
  const found: Selector[] = [];
  const withoutStrings = expr.replace(STRINGS, '""');
  for (const match of withoutStrings.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}/g)) {
    const labels = [...match[2].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((label) => label[1]);
    found.push({ metric: match[1], labels });
  }
  return found;
}
