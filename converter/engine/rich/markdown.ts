// Markdown building blocks: escaping, code spans, fences, block joining. Escaping is minimal on
// purpose: a backslash only where CommonMark would otherwise read the character as markup, so
// the text stays readable for people and models (snake_case stays snake_case).

const SPECIAL = /[\\`*[\]_<]/;
const ESCAPABLE = /[\\`*[\]]|_|<(?=[A-Za-z/!?])/g;
const WORD = /[\p{L}\p{N}]/u;

/** Escapes inline text so that it renders as itself. */
export function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text; // The common case: nothing to escape, no allocation.
  return text.replace(ESCAPABLE, (match: string, offset: number) => {
    if (match !== '_') return `\\${match}`;
    return isWord(text[offset - 1]) && isWord(text[offset + 1]) ? match : '\\_';
  });
}

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** Escapes a line start that would otherwise begin a heading, quote, list or thematic break. */
export function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+=-]|\d+[.)])(?=\s|$)/, (_m, space: string, mark: string) =>
    /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${space}\\${mark}`,
  );
}

/** A code span that survives backticks inside the code. */
export function codeSpan(code: string): string {
  if (code === '') return '';
  const longest = longestRun(code, '`');
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') || (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '');
  return pad ? `${fence} ${code} ${fence}` : `${fence}${code}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside the code. */
export function codeFence(code: string, syntax = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
  return `${fence}${syntax}\n${code}\n${fence}`;
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Wraps inline Markdown in a delimiter, keeping edge whitespace outside it (`* a*` is not emphasis). */
export function wrapInline(inner: string, delimiter: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner) as RegExpExecArray;
  const [, lead, core, trail] = match;
  // Strong inside strong (`**a **b** c**`) would close early; the inner markers already carry it.
  if (core === '' || (delimiter.length > 1 && core.includes(delimiter))) return inner;
  return `${lead}${delimiter}${core}${delimiter}${trail}`;
}

/** Joins rendered blocks with one blank line, dropping empty ones. */
export function joinBlocks(blocks: readonly string[]): string {
  return blocks.filter((block) => block.trim() !== '').join('\n\n');
}

/** Indents every non-empty line after the first (list item continuation). */
export function indentContinuation(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : indent + line))
    .join('\n');
}

/** Prefixes every line (block quotes). */
export function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? prefix.trimEnd() : prefix + line))
    .join('\n');
}

/** Collapses a multi-line inline rendering into one line (table cells, list labels). */
export function singleLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function escapeTableCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const BLOCK_START = /^(?:[-*+] |\d+[.)] |```|~~~|\||> |#|<)/;

/** `label: text`, or the label alone on its line when the text starts with a block (list, code, table). */
export function labelled(label: string, body: string, separator = ': '): string {
  if (body === '') return label;
  return BLOCK_START.test(body) ? `${label}\n\n${body}` : `${label}${separator}${body}`;
}
