// Output upload: HTTP PUT of the result zip to a local sink, with retries and the SSRF policy.
import { expect } from 'chai';
import { createAddressPolicy } from '../../../converter/fetch/address-policy.ts';
import { GuardedHttp } from '../../../converter/fetch/guarded-http.ts';
import { upload } from '../../../converter/fetch/upload.ts';
import type { UploadPolicy } from '../../../converter/fetch/upload.ts';
import { isAppError } from '../../../converter/errors.ts';
import { startTestServer } from '../../support/http-server.ts';
import type { TestServer } from '../../support/http-server.ts';

const ZIP = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 13) % 256));

describe('upload', () => {
  let sink: TestServer;
  let answers: number[];
  let sleeps: number[];
  let policy: UploadPolicy;
  let http: GuardedHttp;

  before(async () => {
    sink = await startTestServer((_req, res) => res.writeHead(answers.shift() ?? 200).end());
  });
  after(async () => sink.close());
  beforeEach(() => {
    sink.requests.length = 0;
    answers = [];
    sleeps = [];
    policy = { maxBytes: 1024 * 1024, timeoutMs: 2000, retries: 3, backoffMs: 100, sleep: async (ms) => void sleeps.push(ms) };
    http = new GuardedHttp(createAddressPolicy(['127.0.0.1/32']));
  });
  afterEach(() => http.close());

  const codeOf = async (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'no error',
      (error: unknown) => (isAppError(error) ? error.code : String(error)),
    );

  describe('when the sink accepts the PUT', () => {
    it('delivers the exact zip bytes once, as application/zip', async () => {
      await upload(http, `${sink.url}/bucket/result.zip?sig=abc`, ZIP, policy);
      expect(sink.requests).to.have.length(1);
      expect(sink.requests[0]!.method).to.equal('PUT');
      expect(sink.requests[0]!.url).to.equal('/bucket/result.zip?sig=abc');
      expect(sink.requests[0]!.headers['content-type']).to.equal('application/zip');
      expect(sink.requests[0]!.body.equals(ZIP)).to.equal(true);
    });
  });

  describe('when the sink fails with 5xx for a while', () => {
    it('retries with exponential backoff until it succeeds', async () => {
      answers = [503, 500];
      await upload(http, `${sink.url}/r.zip`, ZIP, policy);
      expect(sink.requests).to.have.length(3);
      expect(sleeps).to.deep.equal([100, 200]);
      expect(sink.requests[2]!.body.equals(ZIP)).to.equal(true);
    });

    it('fails with OUTPUT_UPLOAD_FAILED once the retries are used up', async () => {
      answers = [500, 500, 500, 500, 500];
      expect(await codeOf(upload(http, `${sink.url}/r.zip`, ZIP, policy))).to.equal('OUTPUT_UPLOAD_FAILED');
      expect(sink.requests).to.have.length(4);
      expect(sleeps).to.deep.equal([100, 200, 400]);
    });
  });

  describe('when the sink refuses with 4xx', () => {
    it('fails at once without retrying', async () => {
      answers = [403];
      expect(await codeOf(upload(http, `${sink.url}/r.zip`, ZIP, policy))).to.equal('OUTPUT_UPLOAD_FAILED');
      expect(sink.requests).to.have.length(1);
    });
  });

  describe('when the output URL is not allowed', () => {
    it('refuses loopback without an allow-list entry and never connects', async () => {
      const strict = new GuardedHttp(createAddressPolicy([]));
      try {
        expect(await codeOf(upload(strict, `${sink.url}/r.zip`, ZIP, policy))).to.equal('SOURCE_FORBIDDEN');
        expect(sink.requests).to.have.length(0);
      } finally {
        strict.close();
      }
    });
  });

  describe('when the result is over the upload cap', () => {
    it('fails with OUTPUT_TOO_LARGE without sending anything', async () => {
      expect(await codeOf(upload(http, `${sink.url}/r.zip`, ZIP, { ...policy, maxBytes: 10 }))).to.equal('OUTPUT_TOO_LARGE');
      expect(sink.requests).to.have.length(0);
    });
  });
});
