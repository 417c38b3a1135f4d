// HTTP client of the converter's job API (common/contract/conversion-job.ts). Every call has a
// timeout; every failure becomes a DispatchError (permanent or transient). Retry policy belongs
// to the reconciler, which sees the whole DocConversion, with one exception: a POST refused at
// admission (429 rate limit, 503 overloaded or draining, with Retry-After) created no job, so it
// is back-pressure rather than a failed attempt; submit() waits it out within its time budget.
import type { ConversionJobRequest, ConversionJobStatus } from '../../common/contract/conversion-job.ts';
import { sleep, systemClock, type Clock } from '../clock.ts';
import { DispatchError, errorFromNetwork, errorFromResponse } from './errors.ts';

export interface ConversionClientOptions {
  /** Base URL of the converter pool, e.g. http://docc2context-converter:8080 */
  baseUrl: string;
  /** Timeout for short calls (GET, DELETE). */
  requestTimeoutMs: number;
  /** Largest result zip accepted by downloadResult. */
  maxResultBytes: number;
  fetch?: typeof fetch;
  /** Times submit()'s budget and its waits between admission refusals (systemClock by default). */
  clock?: Clock;
}

export interface SubmitOptions {
  /** Time the POST may take: the converter may answer only when the job has finished. */
  timeoutMs: number;
}

const JOBS_PATH = '/api/v1/conversions';
/** Statuses of a POST refused before any job was created. */
const ADMISSION_REFUSALS = new Set([429, 503]);
const MIN_ADMISSION_WAIT_MS = 100;

/** How long to wait before resubmitting, or undefined when the error is not a refusal that fits in the budget. */
export function admissionWaitMs(error: unknown, remainingMs: number): number | undefined {
  if (!(error instanceof DispatchError) || error.status === undefined || !ADMISSION_REFUSALS.has(error.status)) return undefined;
  if (error.retryAfterSeconds === undefined) return undefined;
  const waitMs = Math.max(error.retryAfterSeconds * 1000, MIN_ADMISSION_WAIT_MS);
  return waitMs < remainingMs ? waitMs : undefined;
}

export class ConversionClient {
  private readonly baseUrl: string;
  private readonly requestTimeoutMs: number;
  private readonly maxResultBytes: number;
  private readonly fetchFn: typeof fetch;
  private readonly clock: Clock;

  constructor(options: ConversionClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.maxResultBytes = options.maxResultBytes;
    this.fetchFn = options.fetch ?? fetch;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Submits (or re-attaches to) the job with this id; answers its current state. Admission
   * refusals are retried after their Retry-After while that fits in `timeoutMs`.
   */
  async submit(request: ConversionJobRequest, options: SubmitOptions): Promise<ConversionJobStatus> {
    const deadline = this.clock.now() + options.timeoutMs;
    const body = JSON.stringify(request);
    for (;;) {
      try {
        const response = await this.call(JOBS_PATH, { method: 'POST', body }, Math.max(1, deadline - this.clock.now()));
        return (await this.readJson(response)) as ConversionJobStatus;
      } catch (error) {
        const waitMs = admissionWaitMs(error, deadline - this.clock.now());
        if (waitMs === undefined) throw error;
        await sleep(this.clock, waitMs);
      }
    }
  }

  /** The job's current state, or undefined when the pool does not know the id. */
  async get(id: string): Promise<ConversionJobStatus | undefined> {
    const response = await this.call(jobPath(id), { method: 'GET' }, this.requestTimeoutMs, [404]);
    if (response.status === 404) return drain(response);
    return (await this.readJson(response)) as ConversionJobStatus;
  }

  /** Deletes the job and its retained result; true when something was deleted. */
  async delete(id: string): Promise<boolean> {
    const response = await this.call(jobPath(id), { method: 'DELETE' }, this.requestTimeoutMs, [404]);
    await response.arrayBuffer().catch(() => undefined);
    return response.status !== 404;
  }

  /** Downloads a retained result zip, refusing more than maxResultBytes. */
  async downloadResult(id: string): Promise<Buffer> {
    const response = await this.call(`${jobPath(id)}/result.zip`, { method: 'GET' }, this.requestTimeoutMs);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.maxResultBytes) {
      await response.body?.cancel();
      throw resultTooLarge();
    }
    return readAtMost(response, this.maxResultBytes);
  }

  private async call(path: string, init: RequestInit, timeoutMs: number, allowed: number[] = []): Promise<Response> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        ...init,
        signal,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      });
    } catch (error) {
      throw errorFromNetwork(error, signal.aborted);
    }
    if (response.ok || allowed.includes(response.status)) return response;
    const body: unknown = await response.json().catch(() => undefined);
    throw errorFromResponse(response.status, body, response.headers.get('retry-after'));
  }

  private async readJson(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      throw new DispatchError('INTERNAL', 'Converter sent an unreadable answer', { permanent: false, cause: error });
    }
  }
}

function jobPath(id: string): string {
  return `${JOBS_PATH}/${encodeURIComponent(id)}`;
}

function resultTooLarge(): DispatchError {
  return new DispatchError('OUTPUT_TOO_LARGE', 'Result is larger than the operator accepts', { permanent: true });
}

/** The body, refused as soon as more than maxBytes arrived (a missing or lying Content-Length). */
async function readAtMost(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    // Leaving the loop cancels the body.
    if (size > maxBytes) throw resultTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function drain(response: Response): Promise<undefined> {
  await response.arrayBuffer().catch(() => undefined);
  return undefined;
}
