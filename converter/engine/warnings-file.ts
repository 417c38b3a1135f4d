// `warnings.json` at the root of a service result (contract §4): every warning of the conversion,
// with the archive file it is about ('' for the whole archive). Local paths in the text are
// replaced by the aliases the caller gives, so the file never shows the server's workspace.
export const WARNINGS_FILE = 'warnings.json';

export interface EngineWarning {
  /** The archive file (e.g. `data/documentation/kit.json`) or '' for a warning about the whole archive. */
  page: string;
  reason: string;
}

export interface WarningAlias {
  path: string;
  alias: string;
}

function hidePaths(text: string, aliases: readonly WarningAlias[]): string {
  const ordered = aliases.filter((entry) => entry.path.length > 1).sort((a, b) => b.path.length - a.path.length);
  return ordered.reduce((safe, { path, alias }) => safe.split(path.replace(/\/+$/, '')).join(alias), text);
}

export function renderWarningsFile(warnings: readonly EngineWarning[], aliases: readonly WarningAlias[]): string {
  const entries = warnings.map(({ page, reason }) => ({ page: hidePaths(page, aliases), reason: hidePaths(reason, aliases) }));
  return `${JSON.stringify({ warnings: entries }, null, 2)}\n`;
}
