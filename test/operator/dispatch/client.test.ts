import { expect } from 'chai';
import { admissionWaitMs, ConversionClient } from '../../../operator/dispatch/client.ts';
import { DispatchError } from '../../../operator/dispatch/errors.ts';
import type { Clock } from '../../../operator/clock.ts';

const refusal = (status: number, retryAfterSeconds?: number): DispatchError =>
  new DispatchError(status === 429 ? 'RATE_LIMITED' : 'OVERLOADED', 'refused', { status, retryAfterSeconds });

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A clock whose timers fire at once, moving time forward by their delay; records each wait. */
function instantClock(waits: number[]): Clock {
  let now = 0;
  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      waits.push(delayMs);
      now += delayMs;
      queueMicrotask(callback);
      return { cancel: () => undefined };
    },
  };
}

describe('admissionWaitMs', () => {
  describe('when the converter refused the POST with Retry-After', () => {
    it('waits the Retry-After for 429 and 503', () => {
      expect(admissionWaitMs(refusal(429, 2), 10_000)).to.equal(2000);
      expect(admissionWaitMs(refusal(503, 5), 10_000)).to.equal(5000);
    });

    it('waits a little even for Retry-After 0', () => {
      expect(admissionWaitMs(refusal(429, 0), 10_000)).to.equal(100);
    });

    it('gives up when the wait does not fit in the remaining time', () => {
      expect(admissionWaitMs(refusal(429, 5), 4000)).to.equal(undefined);
    });
  });

  describe('when the error is not an admission refusal', () => {
    it('does not wait', () => {
      expect(admissionWaitMs(refusal(503), 10_000), 'no Retry-After').to.equal(undefined);
      expect(admissionWaitMs(new DispatchError('NOT_READY', 'unreachable', { retryAfterSeconds: 1 }), 10_000), 'network').to.equal(
        undefined,
      );
      expect(admissionWaitMs(new DispatchError('SOURCE_UNREACHABLE', 'x', { status: 502, retryAfterSeconds: 1 }), 10_000), '502').to.equal(
        undefined,
      );
      expect(admissionWaitMs(new Error('boom'), 10_000)).to.equal(undefined);
    });
  });
});

describe('ConversionClient.submit', () => {
  describe('when the converter refuses the POST over its rate limit, then admits it', () => {
    it('resubmits the same body after Retry-After and answers the job', async () => {
      const bodies: string[] = [];
      const waits: number[] = [];
      const answers = [
        answer(429, { error: { code: 'RATE_LIMITED', message: 'Too many requests' } }, { 'retry-after': '1' }),
        answer(503, { error: { code: 'OVERLOADED', message: 'Busy' } }, { 'retry-after': '2' }),
        answer(200, { id: 'a-1', state: 'succeeded' }),
      ];
      const client = new ConversionClient({
        baseUrl: 'http://converter',
        requestTimeoutMs: 1000,
        maxResultBytes: 1024,
        fetch: async (_url, init) => {
          bodies.push(String(init?.body));
          return answers.shift() as Response;
        },
        clock: instantClock(waits),
      });
      const status = await client.submit({ id: 'a-1', source: { url: 'https://x/a.zip' } }, { timeoutMs: 60_000 });
      expect(status).to.include({ id: 'a-1', state: 'succeeded' });
      expect(waits).to.deep.equal([1000, 2000]);
      expect(new Set(bodies).size).to.equal(1);
      expect(bodies).to.have.length(3);
    });
  });

  describe('when the Retry-After exceeds the time left', () => {
    it('throws the transient refusal at once', async () => {
      let calls = 0;
      const client = new ConversionClient({
        baseUrl: 'http://converter',
        requestTimeoutMs: 1000,
        maxResultBytes: 1024,
        fetch: async () => {
          calls += 1;
          return answer(429, { error: { code: 'RATE_LIMITED', message: 'Too many requests' } }, { 'retry-after': '30' });
        },
        clock: {
          now: () => 0,
          setTimeout: () => {
            throw new Error('must not wait');
          },
        },
      });
      const error = await client.submit({ id: 'a-1', source: { url: 'https://x/a.zip' } }, { timeoutMs: 5000 }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(DispatchError);
      expect(error).to.include({ code: 'RATE_LIMITED', permanent: false, status: 429, retryAfterSeconds: 30 });
      expect(calls).to.equal(1);
    });
  });
});

describe('ConversionClient.downloadResult', () => {
  /** An endless body without Content-Length, 512 bytes per chunk; counts the chunks pulled and whether it was cancelled. */
  function endlessBody(): { response: Response; pulled: () => number; cancelled: () => boolean } {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(512));
      },
      cancel() {
        cancelled = true;
      },
    });
    return { response: new Response(body, { status: 200 }), pulled: () => pulled, cancelled: () => cancelled };
  }

  function clientAnswering(response: Response): ConversionClient {
    return new ConversionClient({ baseUrl: 'http://converter', requestTimeoutMs: 1000, maxResultBytes: 1024, fetch: async () => response });
  }

  describe('when the body runs past maxResultBytes without a Content-Length', () => {
    it('fails with OUTPUT_TOO_LARGE as soon as the cap is passed, and cancels the body', async () => {
      const body = endlessBody();
      const error = await clientAnswering(body.response)
        .downloadResult('job')
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).to.be.instanceOf(DispatchError);
      expect(error).to.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
      expect(body.pulled()).to.be.lessThan(6);
      expect(body.cancelled()).to.equal(true);
    });
  });

  describe('when the body fits', () => {
    it('answers its bytes', async () => {
      const zip = await clientAnswering(new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { status: 200 })).downloadResult('job');
      expect([...zip]).to.deep.equal([0x50, 0x4b, 3, 4]);
    });
  });
});
