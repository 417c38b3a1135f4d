// Two converter instances on one real Redis, wired like production (createStoreFeatures) with
// the real archive library and engine: cache, convert-once, shared rate limits, idempotent jobs,
// results retained across replicas, output PUT and SSRF refusals.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { ConversionJobStatus } from '../../../common/contract/conversion-job.ts';
import type { Resolver } from '../../../converter/fetch/guarded-http.ts';
import { startTestServer } from '../../support/http-server.ts';
import type { TestServer } from '../../support/http-server.ts';
import { SHARED_REDIS_URL, deleteKeys, uniquePrefix } from '../../support/redis.ts';
import { binary } from '../server/support.ts';
import { articleReferenceZip, startReplica } from './support-integration.ts';
import type { Replica, ReplicaOptions } from './support-integration.ts';
import { delay } from '../../../common/delay.ts';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function convert(replica: Replica, zip: Buffer, headers: Record<string, string> = {}): request.Test {
  const test = request(replica.app).post('/api/v1/convert').set(headers);
  return test.attach('file', zip, { filename: 'ArticleReference.zip', contentType: 'application/zip' }).buffer(true).parse(binary);
}

function submit(replica: Replica, body: object): request.Test {
  return request(replica.app).post('/api/v1/conversions').send(body);
}

describe('converter replicas sharing one Redis', function () {
  this.timeout(60_000);
  let prefix: string;
  let a: Replica;
  let b: Replica;
  let zip: Buffer;

  const start = async (options: Partial<ReplicaOptions> = {}): Promise<void> => {
    a = await startReplica({ redisUrl: SHARED_REDIS_URL, prefix, ...options });
    b = await startReplica({ redisUrl: SHARED_REDIS_URL, prefix, ...options });
  };

  before(async () => (zip = await articleReferenceZip()));
  beforeEach(() => (prefix = uniquePrefix('replicas')));
  afterEach(async () => {
    await a?.close();
    await b?.close();
    await deleteKeys(prefix);
  });

  describe('POST /api/v1/convert with the result cache', () => {
    beforeEach(() => start());

    it('answers a miss, then a hit on the other replica with identical bytes and no conversion', async () => {
      const miss = await convert(a, zip).expect(200);
      const hit = await convert(b, zip).expect(200);
      expect(miss.headers['x-docc2context-cache']).to.equal('miss');
      expect(hit.headers['x-docc2context-cache']).to.equal('hit');
      expect((hit.body as Buffer).equals(miss.body as Buffer)).to.equal(true);
      expect(a.runner.runs + b.runner.runs).to.equal(1);
      expect(await b.metrics.registry.getSingleMetricAsString('docc2context_cache_lookups_total')).to.contain('result="hit"} 1');
      expect(await a.metrics.registry.getSingleMetricAsString('docc2context_cache_lookups_total')).to.contain('result="miss"} 1');
    });

    it('converts once when identical uploads arrive at both replicas at once', async () => {
      let open: () => void = () => undefined;
      a.runner.gate = b.runner.gate = new Promise<void>((resolve) => (open = resolve));
      const pending = [convert(a, zip), convert(b, zip), convert(a, zip), convert(b, zip)].map((t) => t.then((res) => res));
      await delay(300);
      open();
      const answers = await Promise.all(pending);
      expect(answers.map((res) => res.status)).to.deep.equal([200, 200, 200, 200]);
      expect(new Set(answers.map((res) => sha256(res.body as Buffer))).size).to.equal(1);
      expect(a.runner.runs + b.runner.runs).to.equal(1);
    });
  });

  describe('rate limiting', () => {
    beforeEach(() => start({ env: { RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW_SECONDS: '60' } }));

    it('shares one budget per client across replicas and answers 429 with Retry-After and RateLimit-*', async () => {
      await request(a.app).post('/api/v1/conversions').send({}).expect(400);
      await request(b.app).post('/api/v1/conversions').send({}).expect(400);
      const last = await request(a.app).post('/api/v1/conversions').send({}).expect(400);
      expect(last.headers['ratelimit-remaining']).to.equal('0');
      const refused = await request(b.app).post('/api/v1/conversions').send({}).expect(429);
      expect(refused.body.error.code).to.equal('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).to.be.within(1, 20);
      expect(refused.headers['ratelimit-limit']).to.equal('3');
      expect(refused.headers['ratelimit-remaining']).to.equal('0');
      expect(Number(refused.headers['ratelimit-reset'])).to.be.within(1, 60);
      expect(await b.metrics.registry.getSingleMetricAsString('docc2context_rate_limited_requests_total')).to.contain(
        'scope="conversions"} 1',
      );
    });

    it('ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
      for (let i = 0; i < 3; i += 1) {
        await convert(i % 2 === 0 ? a : b, Buffer.from('not a zip'), { 'X-Forwarded-For': `198.51.100.${i}` });
      }
      const res = await convert(b, Buffer.from('not a zip'), { 'X-Forwarded-For': '198.51.100.99' });
      expect(res.status).to.equal(429);
    });
  });

  describe('the job API', () => {
    let sink: TestServer;
    let source: TestServer;
    const resolver: Resolver = async (host) => {
      const table: Record<string, string> = {
        'archives.test': '127.0.0.1',
        'metadata.test': '169.254.169.254',
        'intranet.test': '10.1.2.3',
      };
      if (table[host] === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return [{ address: table[host]!, family: 4 }];
    };

    before(async () => {
      sink = await startTestServer((_req, res) => res.writeHead(201).end());
      source = await startTestServer((req, res) => {
        if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://metadata.test/latest/' }).end();
        res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
      });
    });
    after(async () => {
      await sink.close();
      await source.close();
    });
    beforeEach(async () => {
      sink.requests.length = 0;
      // Loopback stands for object storage here: allow-listed by name (sources) and CIDR (sink).
      await start({ resolver, env: { OUTBOUND_ALLOW_LIST: `archives.test,127.0.0.1/32` } });
    });

    it('converts once under retries to both replicas and answers the same summary', async () => {
      const body = { id: 'ns/article/uid-1', source: { inline: zip.toString('base64') }, options: { symbolLayout: 'tree' } };
      const answers = await Promise.all([submit(a, body), submit(b, body), submit(a, body)].map((t) => t.then((res) => res)));
      expect(answers.map((res) => res.status)).to.deep.equal([200, 200, 200]);
      const statuses = answers.map((res) => res.body as ConversionJobStatus);
      expect(new Set(statuses.map((s) => s.sha256)).size).to.equal(1);
      expect(statuses[0], JSON.stringify(statuses[0])).to.include({ state: 'succeeded', engine: 'builtin' });
      expect(statuses[0]!.counts!.articles).to.be.greaterThan(0);
      const again = await submit(b, body).expect(200);
      expect(again.body).to.deep.equal(statuses[0]);
      expect(a.runner.runs + b.runner.runs).to.equal(1);
    });

    it('serves the retained result from the other replica, and deletes it everywhere', async () => {
      const created = (await submit(a, { id: 'kept', source: { inline: zip.toString('base64') } }).expect(200)).body as ConversionJobStatus;
      const served = await request(b.app).get('/api/v1/conversions/kept/result.zip').buffer(true).parse(binary).expect(200);
      expect(sha256(served.body as Buffer)).to.equal(created.sha256);
      expect((await request(b.app).get('/api/v1/conversions/kept').expect(200)).body).to.deep.equal(created);
      await request(b.app).delete('/api/v1/conversions/kept').expect(204);
      await request(a.app).get('/api/v1/conversions/kept/result.zip').expect(404);
    });

    it('downloads an allowed source URL, checks its sha256 and PUTs the exact zip to the output URL', async () => {
      const body = {
        id: 'put-1',
        source: { url: `http://archives.test:${source.port}/a.zip`, sha256: sha256(zip) },
        output: { url: `${sink.url}/bucket/result.zip?X-Signature=secret` },
      };
      const status = (await submit(a, body).expect(200)).body as ConversionJobStatus;
      expect(status.state, JSON.stringify(status.error)).to.equal('succeeded');
      expect(status.location).to.deep.equal({ kind: 'url', url: `${sink.url}/bucket/result.zip` });
      expect(sink.requests).to.have.length(1);
      expect(sink.requests[0]!.method).to.equal('PUT');
      expect(sha256(sink.requests[0]!.body)).to.equal(status.sha256);
      expect(sink.requests[0]!.body.length).to.equal(status.bytes);
    });

    it('fails with CHECKSUM_MISMATCH when the source does not match its sha256', async () => {
      const body = { id: 'sum', source: { url: `http://archives.test:${source.port}/a.zip`, sha256: '0'.repeat(64) } };
      const status = (await submit(a, body).expect(200)).body as ConversionJobStatus;
      expect(status.error).to.deep.include({ code: 'CHECKSUM_MISMATCH', permanent: true });
    });

    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.test/x.zip',
      'http://intranet.test/x.zip',
      'http://192.168.0.1/x.zip',
      'http://[::1]/x.zip',
    ]) {
      it(`refuses the source ${url} with SOURCE_FORBIDDEN`, async () => {
        const status = (await submit(a, { id: `ssrf-${sha256(Buffer.from(url)).slice(0, 8)}`, source: { url } }).expect(200))
          .body as ConversionJobStatus;
        expect(status.error).to.deep.include({ code: 'SOURCE_FORBIDDEN', permanent: true });
      });
    }

    it('refuses a redirect from an allowed source to the metadata address', async () => {
      const status = (await submit(a, { id: 'redirect', source: { url: `http://archives.test:${source.port}/to-metadata` } }).expect(200))
        .body as ConversionJobStatus;
      expect(status.error?.code).to.equal('SOURCE_FORBIDDEN');
    });
  });
});
