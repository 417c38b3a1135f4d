// Runs the image under test (IMAGE, default docc2context:0.1.0; `make test-image` builds it) with
// podman the way these machines need it — runc, cgroupfs, the highest ulimits they accept, the
// host network — and the way a restricted Kubernetes pod runs it: read-only root without a /tmp,
// every capability dropped, no privilege escalation, the workspace on a tmpfs.
import { spawn, type ChildProcess } from 'node:child_process';
import { delay } from '../../../common/delay.ts';
export { freePort } from '../../support/free-port.ts';

export const IMAGE = process.env.IMAGE ?? 'docc2context:0.1.0';
const GLOBAL_FLAGS = ['--runtime', 'runc', '--cgroup-manager', 'cgroupfs'];
const MACHINE_FLAGS = ['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=32768:32768', '--network', 'host'];
export const RESTRICTED_FLAGS = [
  ...MACHINE_FLAGS,
  '--read-only',
  '--read-only-tmpfs=false',
  '--tmpfs',
  '/workspace:rw,size=512m,mode=0700,U',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
];

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command (argv, never a shell) to its end, killing it after timeoutMs. */
export function run(command: string, args: readonly string[], timeoutMs = 60_000): Promise<Finished> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const podman = (args: readonly string[], timeoutMs?: number): Promise<Finished> =>
  run('podman', [...GLOBAL_FLAGS, ...args], timeoutMs);

/** `podman run --rm` of the image, restricted, to its end. */
export const runImage = (args: readonly string[], flags: readonly string[] = []): Promise<Finished> =>
  podman(['run', '--rm', ...RESTRICTED_FLAGS, ...flags, IMAGE, ...args]);

export async function requireImage(): Promise<void> {
  const { code } = await podman(['image', 'exists', IMAGE]);
  if (code !== 0) throw new Error(`image ${IMAGE} is missing: run make test-image (it builds the image first)`);
}

export interface ContainerOptions {
  env: Record<string, string>;
  /** Arguments after the image: the command and its flags. */
  args: readonly string[];
  /** Extra `podman run` flags, e.g. a read-only bind mount. */
  flags?: readonly string[];
}

/** A unique container name, so a crashed earlier run never blocks this one. */
export const containerName = (role: string): string => `docc2context-image-test-${role}-${process.pid}-${Date.now()}`;

/** A long-running container, attached: its stdout lines are collected, its exit code awaited. */
export class Container {
  readonly name: string;
  readonly stdoutLines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(name: string, options: ContainerOptions) {
    this.name = name;
    const envFlags = Object.entries(options.env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
    const runFlags = ['--name', name, ...RESTRICTED_FLAGS, ...(options.flags ?? []), ...envFlags];
    this.child = spawn('podman', [...GLOBAL_FLAGS, 'run', ...runFlags, IMAGE, ...options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const parts = (buffered + chunk.toString()).split('\n');
      buffered = parts.pop() ?? '';
      this.stdoutLines.push(...parts.filter(Boolean));
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stdout lines parsed as JSON (every line must be JSON). */
  jsonLines(): Record<string, unknown>[] {
    return this.stdoutLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Polls url until it answers 200; fails with the container's output when it exits or times out. */
  async waitFor(url: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`container ${this.name} exited before ${url} answered:\n${this.stderr}\n${this.stdoutLines.join('\n')}`);
      const ok = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await delay(250);
    }
    throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${this.stderr}\n${this.stdoutLines.join('\n')}`);
  }

  exec(args: readonly string[]): Promise<Finished> {
    return podman(['exec', this.name, ...args]);
  }

  /** podman stop: SIGTERM, then SIGKILL (exit 137) after graceSeconds. */
  async stop(graceSeconds: number): Promise<number | null> {
    await podman(['stop', '--time', String(graceSeconds), this.name], (graceSeconds + 30) * 1000);
    return this.exited;
  }

  async remove(): Promise<void> {
    await podman(['rm', '--force', '--time', '0', this.name]);
    await this.exited;
  }
}
