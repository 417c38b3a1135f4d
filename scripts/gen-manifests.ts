// Writes manifests/ from the chart's defaults (`helm template` with Helm 4 from `make tools`,
// without the helm-test hook and without Helm's keep annotation on the CRD). `make manifests`
// writes; `--check` exits 1 when the committed files drift (test/manifests/manifests.test.ts too).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFESTS_NAMESPACE, manifestFiles } from './manifests.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFESTS_DIR = path.join(ROOT, 'manifests');
const HELM = path.join(ROOT, '.tools/helm4/helm');

/** The chart rendered as the manifests use it. */
export function renderChartForManifests(helm = HELM): string {
  if (!existsSync(helm)) throw new Error(`${path.relative(ROOT, helm)} is missing: run make tools`);
  const args = [
    'template',
    'docc2context',
    path.join(ROOT, 'charts/docc2context'),
    '--namespace',
    MANIFESTS_NAMESPACE,
    '--skip-tests',
    '--set',
    'crds.keep=false',
  ];
  const home = path.join(ROOT, '.tmp', 'helm-home');
  return execFileSync(helm, args, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: home,
      HELM_CACHE_HOME: path.join(home, 'cache'),
      HELM_CONFIG_HOME: path.join(home, 'config'),
      HELM_DATA_HOME: path.join(home, 'data'),
    },
  });
}

/** Names of the files that differ from (or are missing in, or extra in) manifests/. */
export function driftedManifests(expected: Map<string, string>): string[] {
  const present = existsSync(MANIFESTS_DIR) ? readdirSync(MANIFESTS_DIR) : [];
  const differing = [...expected]
    .filter(([file, content]) => !present.includes(file) || readFileSync(path.join(MANIFESTS_DIR, file), 'utf8') !== content)
    .map(([file]) => file);
  return [...differing, ...present.filter((file) => !expected.has(file))];
}

function main(check: boolean): number {
  const files = manifestFiles(renderChartForManifests());
  if (check) {
    const drifted = driftedManifests(files);
    if (drifted.length > 0) console.error(`manifests/ is out of date (${drifted.join(', ')}): run make manifests`);
    return drifted.length > 0 ? 1 : 0;
  }
  rmSync(MANIFESTS_DIR, { recursive: true, force: true });
  mkdirSync(MANIFESTS_DIR);
  for (const [file, content] of files) writeFileSync(path.join(MANIFESTS_DIR, file), content);
  console.log(`Wrote manifests/: ${[...files.keys()].join(', ')}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.includes('--check')));
