// Runs one child process without a shell, in its own process group, with capped output
// capture, a timeout and an abort signal. A timeout or abort kills the whole group, and so does
// the child's own exit, so no grandchild outlives a conversion.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.ts';
import { timedOut } from './failures.ts';
import { abortReason } from './slots.ts';

export interface ProcessRequest {
  command: string;
  args: readonly string[];
  timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the rest is counted and dropped. */
  maxOutputBytes: number;
  signal?: AbortSignal;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Error for a timeout; defaults to TIMED_OUT. */
  onTimeout?: () => unknown;
}

export interface ProcessOutcome {
  pid: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when either stream went over maxOutputBytes. */
  truncated: boolean;
}

class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;
  private readonly cap: number;

  constructor(cap: number) {
    this.cap = cap;
  }

  attach(stream: Readable | null): void {
    stream?.on('data', (chunk: Buffer) => this.push(chunk));
  }

  push(chunk: Buffer): void {
    const room = this.cap - this.kept;
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.kept += Math.min(room, chunk.length);
    this.dropped += Math.max(chunk.length - Math.max(room, 0), 0);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Sends SIGKILL to every process of the group; a group already gone is fine. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function spawnFailure(error: NodeJS.ErrnoException): AppError {
  return new AppError('INTERNAL', 'The converter binary could not be started.', { cause: error });
}

function waitForClose(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(spawnFailure(error)));
    child.once('exit', () => {
      // The leader is gone; take any straggler of its group with it before the pipes close.
      if (child.pid !== undefined) killGroup(child.pid);
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

export async function runProcess(request: ProcessRequest): Promise<ProcessOutcome> {
  if (request.signal?.aborted) throw abortReason(request.signal);
  const child = spawn(request.command, request.args, {
    cwd: request.cwd,
    env: request.env,
    detached: true,
    shell: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = new CappedBuffer(request.maxOutputBytes);
  const stderr = new CappedBuffer(request.maxOutputBytes);
  stdout.attach(child.stdout);
  stderr.attach(child.stderr);
  const closed = waitForClose(child);
  let stopReason: unknown;
  const stop = (reason: unknown): void => {
    stopReason ??= reason;
    if (child.pid !== undefined) killGroup(child.pid);
  };
  const onAbort = (): void => stop(abortReason(request.signal as AbortSignal));
  const timer = setTimeout(() => stop(request.onTimeout?.() ?? timedOut(request.timeoutMs)), request.timeoutMs);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { code, signal } = await closed;
    if (stopReason !== undefined) throw stopReason;
    const truncated = stdout.dropped > 0 || stderr.dropped > 0;
    return { pid: child.pid as number, exitCode: code, signal, stdout: stdout.text(), stderr: stderr.text(), truncated };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}
