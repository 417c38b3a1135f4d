// Start-up probe of the Swift binary: found and executable means `<binary> --help` exits 0
// (the real CLI exits 64 for --version, so that flag proves nothing).
import { runProcess } from './process.ts';

export interface DetectOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

const HELP_OUTPUT_CAP = 16 * 1024;

export async function detectBinary(binaryPath: string, options: DetectOptions): Promise<boolean> {
  try {
    const outcome = await runProcess({
      command: binaryPath,
      args: ['--help'],
      timeoutMs: options.timeoutMs,
      maxOutputBytes: HELP_OUTPUT_CAP,
      env: options.env,
    });
    return outcome.exitCode === 0;
  } catch {
    return false;
  }
}
