// A small converter that implements the job API contract (common/contract/conversion-job.ts)
// over real HTTP: idempotent by id, configurable delays and failures, counts requests. It stands
// in for the converter service in operator tests and in `make bench-operator`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { ConversionJobRequest, ConversionJobStatus, JobError } from '../../../common/contract/conversion-job.ts';
import type { ErrorCode } from '../../../common/contract/errors.ts';
import { makeZip } from './zip.ts';

export interface Behaviour {
  /** How long the job runs. */
  delayMs?: number;
  /** The job finishes failed with this error. */
  error?: JobError;
  /** The POST itself is refused with this HTTP status and code (no job is created). */
  reject?: { status: number; code: ErrorCode };
  /** Markdown files of the result. */
  files?: Record<string, string>;
  /** The job runs until this settles (after delayMs): tests hold jobs to watch concurrency. */
  until?: Promise<void>;
}

/** What a poll of a running job meets when its pod goes away (contract §7). */
export type Interruption = 'reset' | 'not-ready' | 'forget';

export interface FakeConverterOptions {
  /** Decides what a new job does; the default converts to one file after `delayMs`. */
  behave?: (request: ConversionJobRequest) => Behaviour;
  /** How long a POST waits for the job before answering 202 `running`. */
  syncWaitMs?: number;
  /** Asked on every GET of a job: a pod going away resets the connection, drains (503 NOT_READY), or forgets (hands back) the job. */
  interrupt?: (id: string) => Interruption | undefined;
}

interface Job {
  status: ConversionJobStatus;
  done: Promise<void>;
  zip?: Buffer;
}

const DEFAULT_FILES = { 'markdown/index.md': '# Index\n', 'markdown/documentation/slothcreator.md': '# SlothCreator\n' };

export class FakeConverter {
  readonly jobs = new Map<string, Job>();
  readonly requests: string[] = [];
  /** Every POST body received, in order. */
  readonly submissions: ConversionJobRequest[] = [];
  private readonly options: FakeConverterOptions;
  private readonly server: http.Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly zips = new Map<string, Buffer>();
  url = '';

  constructor(options: FakeConverterOptions = {}) {
    this.options = options;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  count(prefix: string): number {
    return this.requests.filter((line) => line.startsWith(prefix)).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/api\/v1\/conversions(?:\/([^/]+))?(\/result\.zip)?$/.exec(url.pathname);
    this.requests.push(`${req.method} ${match?.[1] === undefined ? 'collection' : match[2] ? 'result' : 'job'}`);
    if (!match) return send(res, 404, errorBody('NOT_FOUND'));
    if (match[1] === undefined) {
      if (req.method === 'POST') return this.submit(JSON.parse(await readBody(req)), res);
      return send(res, 404, errorBody('NOT_FOUND'));
    }
    this.handleJob(decodeURIComponent(match[1]), match[2] !== undefined, req, res);
  }

  private handleJob(id: string, result: boolean, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method === 'GET' && !result && this.interrupted(id, req, res)) return;
    const job = this.jobs.get(id);
    if (!job) return send(res, 404, errorBody('NOT_FOUND'));
    if (req.method === 'DELETE') {
      this.jobs.delete(id);
      return send(res, 204, undefined);
    }
    if (result) return sendZip(res, job.zip);
    return send(res, 200, job.status);
  }

  /** Jobs currently running. */
  get running(): number {
    return [...this.jobs.values()].filter((job) => job.status.state === 'running').length;
  }

  private interrupted(id: string, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const interruption = this.jobs.has(id) ? this.options.interrupt?.(id) : undefined;
    if (interruption === 'reset') req.socket.destroy();
    if (interruption === 'not-ready') {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify(errorBody('NOT_READY')));
    }
    if (interruption === 'forget') {
      this.jobs.delete(id);
      send(res, 404, errorBody('NOT_FOUND'));
    }
    return interruption !== undefined;
  }

  private async submit(request: ConversionJobRequest, res: http.ServerResponse): Promise<void> {
    this.submissions.push(request);
    let job = this.jobs.get(request.id);
    if (!job) {
      const behaviour = this.options.behave?.(request) ?? {};
      if (behaviour.reject) return send(res, behaviour.reject.status, errorBody(behaviour.reject.code));
      job = this.createJob(request, behaviour);
    }
    const waitMs = this.options.syncWaitMs ?? 60_000;
    await Promise.race([job.done, this.sleep(waitMs)]);
    send(res, job.status.state === 'running' ? 202 : 200, job.status);
  }

  private createJob(request: ConversionJobRequest, behaviour: Behaviour): Job {
    const status: ConversionJobStatus = { id: request.id, state: 'running', startedAt: new Date().toISOString() };
    const job: Job = { status, done: Promise.resolve() };
    job.done = this.sleep(behaviour.delayMs ?? 0)
      .then(() => behaviour.until)
      .then(() => this.finish(job, request, behaviour));
    this.jobs.set(request.id, job);
    return job;
  }

  private async finish(job: Job, request: ConversionJobRequest, behaviour: Behaviour): Promise<void> {
    const finishedAt = new Date().toISOString();
    if (behaviour.error) {
      job.status = { ...job.status, state: 'failed', error: behaviour.error, finishedAt };
      return;
    }
    const files = behaviour.files ?? DEFAULT_FILES;
    const zip = this.zipOf(files);
    job.zip = zip;
    const location: ConversionJobStatus['location'] =
      request.output && 'return' in request.output
        ? { kind: 'inline', zipBase64: zip.toString('base64') }
        : { kind: 'retained', path: `/api/v1/conversions/${request.id}/result.zip`, expiresAt: finishedAt };
    job.status = {
      ...job.status,
      state: 'succeeded',
      files: Object.keys(files).length,
      bytes: zip.length,
      sha256: createHash('sha256').update(zip).digest('hex'),
      cacheHit: false,
      engine: 'builtin',
      durationMs: behaviour.delayMs ?? 0,
      location,
      finishedAt,
    };
  }

  /** Like the real pool's content-addressed cache: the same files are zipped once. */
  private zipOf(files: Record<string, string>): Buffer {
    const key = JSON.stringify(files);
    let zip = this.zips.get(key);
    if (!zip) {
      zip = makeZip(files);
      this.zips.set(key, zip);
    }
    return zip;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function errorBody(code: ErrorCode): unknown {
  return { error: { code, message: `Fake converter: ${code}`, requestId: 'fake' } };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendZip(res: http.ServerResponse, zip: Buffer | undefined): void {
  if (!zip) return send(res, 404, errorBody('NOT_FOUND'));
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length }).end(zip);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
