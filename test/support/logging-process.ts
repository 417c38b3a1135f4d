// Runs one of our entry points (`node <script>`) as a child process: startLoggingProcess collects
// its JSON log lines from stdout and resolves once the line with the given message is written;
// runToExit waits for a process that should refuse to start.
import { spawn, type ChildProcess } from 'node:child_process';

export interface LoggingProcess {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
  /** The line whose message was awaited. */
  readyLine: Record<string, unknown>;
}

export function startLoggingProcess(script: string, env: Record<string, string>, readyMessage: string): Promise<LoggingProcess> {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts.filter(Boolean)) {
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.message === readyMessage) resolve({ child, lines, exited, readyLine: line });
      }
    });
    void exited.then((code) => reject(new Error(`${script} exited with ${code} before logging "${readyMessage}"`)));
  });
}

/** Runs `node <script>` to its end; for entry points that must refuse to start. */
export function runToExit(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}
