import { expect } from 'chai';
import { ConversionClient } from '../../../operator/dispatch/client.ts';
import { DispatchError } from '../../../operator/dispatch/errors.ts';
import { FakeConverter } from '../support/fake-converter.ts';
import type { Behaviour } from '../support/fake-converter.ts';
import { delay } from '../../../common/delay.ts';

function clientFor(url: string, requestTimeoutMs = 2000): ConversionClient {
  return new ConversionClient({ baseUrl: url, requestTimeoutMs, maxResultBytes: 1024 * 1024 });
}

async function rejection(promise: Promise<unknown>): Promise<DispatchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(DispatchError);
    return error as DispatchError;
  }
  throw new Error('expected a rejection');
}

describe('ConversionClient', () => {
  let converter: FakeConverter;
  let behaviour: Behaviour;

  beforeEach(async () => {
    behaviour = {};
    converter = await new FakeConverter({ behave: () => behaviour, syncWaitMs: 200 }).start();
  });
  afterEach(() => converter.close());

  describe('when the job finishes within the POST', () => {
    it('answers the finished job with its result summary', async () => {
      const status = await clientFor(converter.url).submit({ id: 'a-1', source: { url: 'https://x/a.zip' } }, { timeoutMs: 2000 });
      expect(status).to.include({ id: 'a-1', state: 'succeeded', files: 2, engine: 'builtin' });
      expect(status.location?.kind).to.equal('retained');
    });
  });

  describe('when the same id is submitted twice', () => {
    it('creates one job and answers it both times', async () => {
      const client = clientFor(converter.url);
      const request = { id: 'same', source: { url: 'https://x/a.zip' } };
      const [first, second] = await Promise.all([client.submit(request, { timeoutMs: 2000 }), client.submit(request, { timeoutMs: 2000 })]);
      expect(first.sha256).to.equal(second.sha256);
      expect(converter.jobs.size).to.equal(1);
    });
  });

  describe('when the job outlives the POST', () => {
    it('answers running, and get() later answers succeeded', async () => {
      behaviour = { delayMs: 400 };
      const client = clientFor(converter.url);
      const first = await client.submit({ id: 'slow', source: { url: 'https://x/a.zip' } }, { timeoutMs: 2000 });
      expect(first.state).to.equal('running');
      await delay(450);
      expect((await client.get('slow'))?.state).to.equal('succeeded');
    });
  });

  describe('when the converter refuses the job as not a DocC archive', () => {
    it('throws a permanent error with the converter code', async () => {
      behaviour = { reject: { status: 422, code: 'NOT_DOCC_ARCHIVE' } };
      const error = await rejection(clientFor(converter.url).submit({ id: 'bad', source: { inline: 'AAAA' } }, { timeoutMs: 2000 }));
      expect(error).to.include({ code: 'NOT_DOCC_ARCHIVE', permanent: true, status: 422 });
    });
  });

  describe('when the converter is overloaded', () => {
    it('throws a transient error', async () => {
      behaviour = { reject: { status: 503, code: 'OVERLOADED' } };
      const error = await rejection(clientFor(converter.url).submit({ id: 'busy', source: { inline: 'AAAA' } }, { timeoutMs: 2000 }));
      expect(error).to.include({ code: 'OVERLOADED', permanent: false });
    });
  });

  describe('when the pool is unreachable', () => {
    it('throws a transient NOT_READY error', async () => {
      await converter.close();
      const error = await rejection(clientFor(converter.url).get('any'));
      expect(error).to.include({ code: 'NOT_READY', permanent: false });
      converter = await new FakeConverter().start();
    });
  });

  describe('when the converter does not answer in time', () => {
    it('throws a transient TIMED_OUT error', async () => {
      behaviour = { delayMs: 1000 };
      const error = await rejection(clientFor(converter.url).submit({ id: 't', source: { url: 'https://x/a.zip' } }, { timeoutMs: 100 }));
      expect(error).to.include({ code: 'TIMED_OUT', permanent: false });
    });
  });

  describe('when a job is deleted', () => {
    it('answers true once, then false, and get() answers undefined', async () => {
      const client = clientFor(converter.url);
      await client.submit({ id: 'gone', source: { url: 'https://x/a.zip' } }, { timeoutMs: 2000 });
      expect(await client.delete('gone')).to.equal(true);
      expect(await client.delete('gone')).to.equal(false);
      expect(await client.get('gone')).to.equal(undefined);
    });
  });

  describe('when a retained result is downloaded', () => {
    it('answers the zip bytes', async () => {
      const client = clientFor(converter.url);
      const status = await client.submit({ id: 'dl', source: { url: 'https://x/a.zip' } }, { timeoutMs: 2000 });
      const zip = await client.downloadResult('dl');
      expect(zip.length).to.equal(status.bytes);
      expect(zip.subarray(0, 2).toString()).to.equal('PK');
    });
  });
});
