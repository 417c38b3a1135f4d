import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths.ts';

// Every variable a converter config reader asks for, found in the source so a new one cannot be missed.
function variablesReadBy(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const match of source.matchAll(/reader\.(?:int|string|bool|oneOf|list|url|optionalString)\(\s*'([A-Z0-9_]+)'/g)) {
      names.add(match[1]!);
    }
  }
  return names;
}

describe('docs/configuration.md', () => {
  it('documents every environment variable the converter reads', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/configuration.md'), 'utf8');
    const read = variablesReadBy(path.join(REPO_ROOT, 'converter'));
    expect(read.size).to.be.greaterThan(40);
    const missing = [...read].filter((name) => !doc.includes(`\`${name}\``));
    expect(missing, 'undocumented variables').to.deep.equal([]);
  });
});
