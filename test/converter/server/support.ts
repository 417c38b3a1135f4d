// Test builders for the converter app: a config, fakes of the archive service and the runner that
// record what they were asked, a log capture, and a helper that checks no workspace is left.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import type { Express } from 'express';
import type request from 'supertest';
import { loadConfig, type ConverterConfig } from '../../../converter/config.ts';
import { createLogger } from '../../../common/logger.ts';
import type { LocatedArchive } from '../../../converter/archive/locate.ts';
import type { ArchiveLimits, ExtractResult, Workspace } from '../../../converter/archive/types.ts';
import type { ConversionRunner, RunInputKind, RunRequest, RunResult, RunnerStats } from '../../../converter/runner/types.ts';
import { createConverterMetrics, type ConverterMetrics } from '../../../converter/observability/metrics.ts';
import { buildApp } from '../../../converter/server/app.ts';
import type { ArchiveService, EngineStatus } from '../../../converter/conversion/types.ts';
import type { AppDeps } from '../../../converter/server/deps.ts';
import { LogCapture } from '../../support/log-capture.ts';

export { LogCapture };
import { Lifecycle } from '../../../converter/conversion/lifecycle.ts';
import { delay } from '../../../common/delay.ts';

export function tempBase(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'd2c-server-test-'));
}

export function testConfig(base: string, env: Record<string, string> = {}): ConverterConfig {
  return { ...loadConfig({ WORKSPACE_BASE_PATH: base, ...env }) };
}

export function leftovers(base: string): string[] {
  return fs.readdirSync(base);
}

/** Workspaces are real directories under `base`; inspection and extraction are scripted. */
export class FakeArchive implements ArchiveService {
  readonly base: string;
  inspectError?: Error;
  extractError?: Error;
  inspected: string[] = [];
  extracted: string[] = [];

  constructor(base: string) {
    this.base = base;
  }

  async createWorkspace(): Promise<Workspace> {
    const dir = await fs.promises.mkdtemp(path.join(this.base, 'ws-'));
    return { dir, dispose: () => fs.promises.rm(dir, { recursive: true, force: true }) };
  }

  async inspect(zipPath: string, _limits: ArchiveLimits): Promise<LocatedArchive> {
    if (this.inspectError) throw this.inspectError;
    this.inspected.push(zipPath);
    return { root: 'Fake.doccarchive', name: 'Fake.doccarchive' };
  }

  async extract(zipPath: string, destDir: string, _limits: ArchiveLimits): Promise<ExtractResult> {
    if (this.extractError) throw this.extractError;
    this.extracted.push(zipPath);
    await fs.promises.mkdir(path.join(destDir, 'Fake.doccarchive'));
    const tree = { files: new Set<string>(), directories: new Set(['Fake.doccarchive']) };
    return { files: 1, bytes: (await fs.promises.stat(zipPath)).size, tree };
  }
}

export function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) {
    zip.addBuffer(Buffer.isBuffer(text) ? text : Buffer.from(text), name, { mtime: new Date(0) });
  }
  zip.end();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  zip.outputStream.pipe(sink);
  return new Promise((resolve, reject) => {
    sink.on('data', (c: Buffer) => chunks.push(c));
    sink.on('end', () => resolve(Buffer.concat(chunks)));
    sink.on('error', reject);
  });
}

/** Writes a small result zip; can be told to fail, or to wait until released or aborted. */
export class FakeRunner implements ConversionRunner {
  readonly engine = 'builtin' as const;
  /** What the pipeline hands over: the zip in place (builtin) or an extracted directory (swift). */
  reads: RunInputKind = 'zip';
  requests: RunRequest[] = [];
  error?: Error;
  /** The files of the result zip this runner writes. */
  output: Record<string, string | Buffer> = { 'markdown/index.md': '# Fake\n', 'linkgraph/adjacency.json': '{}' };
  gate?: Promise<void>;
  abortedCount = 0;
  statsValue: RunnerStats = { inFlight: 0, queued: 0, capacity: 2, queueLimit: 4 };
  closed = false;

  inputKind(): RunInputKind {
    return this.reads;
  }

  async run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    this.statsValue = { ...this.statsValue, inFlight: this.statsValue.inFlight + 1 };
    try {
      if (this.gate) await waitOrAbort(this.gate, request.signal, () => this.abortedCount++);
      if (this.error) throw this.error;
      await fs.promises.writeFile(request.outputZip, await zipOf(this.output));
      const bytes = (await fs.promises.stat(request.outputZip)).size;
      const counts = { volumes: 0, chapters: 0, articles: 1, symbols: 0, tutorials: 0 };
      return { engine: 'builtin', counts, files: Object.keys(this.output).length, bytes, warnings: [], durationMs: 12 };
    } finally {
      this.statsValue = { ...this.statsValue, inFlight: this.statsValue.inFlight - 1 };
    }
  }

  stats(): RunnerStats {
    return this.statsValue;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function waitOrAbort(gate: Promise<void>, signal: AbortSignal | undefined, onAbort: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.addEventListener('abort', () => {
      onAbort();
      reject(new Error('aborted'));
    });
    gate.then(resolve, reject);
  });
}

export interface TestApp {
  app: Express;
  deps: AppDeps;
  archive: FakeArchive;
  runner: FakeRunner;
  logs: LogCapture;
  metrics: ConverterMetrics;
  base: string;
}

export function buildTestApp(
  options: { env?: Record<string, string>; engine?: Partial<EngineStatus>; deps?: Partial<AppDeps> } = {},
): TestApp {
  const base = tempBase();
  const archive = new FakeArchive(base);
  const runner = new FakeRunner();
  const logs = new LogCapture();
  const metrics = createConverterMetrics({ defaultMetrics: false, runnerStats: () => runner.stats() });
  const engine: EngineStatus = { engine: 'builtin', available: true, binaryDetected: false, binaryPath: 'docc2context', ...options.engine };
  const deps: AppDeps = {
    config: testConfig(base, options.env),
    logger: createLogger({ serviceName: 'docc2context-converter', level: 'debug', stream: logs }),
    metrics,
    archive,
    runner,
    engineStatus: () => engine,
    lifecycle: new Lifecycle(),
    ...options.deps,
  };
  return { app: buildApp(deps), deps, archive, runner, logs, metrics, base };
}

export function removeBase(base: string): void {
  fs.rmSync(base, { recursive: true, force: true });
}

/** Workspaces are removed after the response ends; wait (bounded) until the base is empty. */
export async function settledLeftovers(base: string, attempts = 200): Promise<string[]> {
  for (let i = 0; i < attempts && leftovers(base).length > 0; i++) await delay(10);
  return leftovers(base);
}

/** supertest parser keeping a binary body as a Buffer. */
export function binary(response: request.Response, callback: (err: Error | null, body: unknown) => void): void {
  const res = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
