// Builders of broken DocC archives for error tests: copy a fixture, then damage one thing.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE } from './engine.ts';

export const VALID_PLIST_KEYS: Record<string, string> = {
  CFBundleName: '<string>Name</string>',
  Identifier: '<string>com.example</string>',
  TechnologyRoot: '<string>articlereference</string>',
  Languages: '<array><string>en</string></array>',
};

export function plist(entries: Record<string, string>): string {
  const body = Object.entries(entries)
    .map(([key, value]) => `  <key>${key}</key>\n  ${value}`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;
}

/** A copy of a fixture at `dir/<name>` (default: ArticleReference), ready to be damaged. */
export function copyFixture(dir: string, name: string, source: string = FIXTURE.articleReference): string {
  const target = path.join(dir, name);
  fs.cpSync(source, target, { recursive: true });
  fs.chmodSync(target, 0o755);
  for (const entry of fs.readdirSync(target, { recursive: true, withFileTypes: true })) {
    fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
  return target;
}

export function write(root: string, relative: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), content);
}
