// Runs the docc2context CLI in process (fast) or as a real child process (the bin shim).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { main } from '../../converter/cli/main.ts';
import { REPO_ROOT } from './paths.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** Spawns `node bin/docc2context.js` with the project's Node (the one running the tests). */
export function spawnCli(argv: string[], cwd: string = REPO_ROOT): CliRun {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/docc2context.js'), ...argv], { cwd, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
