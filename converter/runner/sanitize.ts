// Makes process and engine text safe to show a client: local paths replaced by neutral names,
// control characters dropped, length capped. Pure.

export interface PathAlias {
  /** An absolute local path to hide. */
  path: string;
  /** What to show instead, e.g. "<archive>". */
  alias: string;
}

const MAX_MESSAGE_LENGTH = 500;

function dropControlCharacters(text: string): string {
  return [...text]
    .filter((char) => {
      const code = char.charCodeAt(0);
      return code === 0x09 || code === 0x0a || (code >= 0x20 && code !== 0x7f);
    })
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every alias path (longest first) and caps the text at `maxLength` characters. */
export function sanitizeMessage(text: string, aliases: readonly PathAlias[], maxLength = MAX_MESSAGE_LENGTH): string {
  let safe = dropControlCharacters(text);
  const ordered = [...aliases].filter((entry) => entry.path.length > 1).sort((a, b) => b.path.length - a.path.length);
  for (const { path, alias } of ordered) {
    safe = safe.replace(new RegExp(escapeRegExp(path.replace(/\/+$/, '')), 'g'), alias);
  }
  safe = safe.trim();
  return safe.length > maxLength ? `${safe.slice(0, maxLength - 1)}…` : safe;
}

/** The last non-empty line of some output, or '' when there is none. */
export function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines.at(-1) ?? '';
}
