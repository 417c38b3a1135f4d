// createStoreFeatures as main.ts uses it, without Redis: the in-memory store behind the cache of
// POST /api/v1/convert, /readyz and the job API.
import { expect } from 'chai';
import request from 'supertest';
import { silentLogger } from '../../../common/logger.ts';
import { createStoreFeatures } from '../../../converter/app/store-features.ts';
import type { StoreFeatures } from '../../../converter/app/store-features.ts';
import { createConverterMetrics } from '../../../converter/observability/metrics.ts';
import { Lifecycle } from '../../../converter/conversion/lifecycle.ts';
import { FakeArchive, FakeRunner, binary, buildTestApp, removeBase, tempBase, testConfig, zipOf } from '../server/support.ts';
import type { TestApp } from '../server/support.ts';

describe('createStoreFeatures', () => {
  let base: string;
  let runner: FakeRunner;
  let features: StoreFeatures;
  let t: TestApp;
  let registry: ReturnType<typeof createConverterMetrics>['registry'];

  async function start(env: Record<string, string> = {}): Promise<void> {
    base = tempBase();
    runner = new FakeRunner();
    const archive = new FakeArchive(base);
    const config = testConfig(base, env);
    const parts = {
      archive,
      runner,
      lifecycle: new Lifecycle(),
      engineStatus: () => ({ engine: 'builtin' as const, available: true, binaryDetected: false, binaryPath: 'x' }),
    };
    const metrics = createConverterMetrics({ defaultMetrics: false, runnerStats: () => runner.stats() });
    registry = metrics.registry;
    features = await createStoreFeatures({ ...parts, config, logger: silentLogger(), registry: metrics.registry });
    t = buildTestApp({ env, deps: { ...parts, metrics, ...features.appDeps } });
  }

  const upload = async (): Promise<request.Response> =>
    request(t.app)
      .post('/api/v1/convert')
      .attach('file', await zipOf({ 'A.doccarchive/metadata.json': '{}' }), 'a.zip')
      .buffer(true)
      .parse(binary);

  afterEach(async () => {
    await features.close(1000);
    removeBase(base);
    removeBase(t.base);
  });

  describe('when no REDIS_URL is configured', () => {
    it('caches /api/v1/convert in memory and reports the store ready', async () => {
      await start();
      const first = await upload();
      const second = await upload();
      expect([first.status, second.status]).to.deep.equal([200, 200]);
      expect([first.headers['x-docc2context-cache'], second.headers['x-docc2context-cache']]).to.deep.equal(['miss', 'hit']);
      expect((second.body as Buffer).equals(first.body as Buffer)).to.equal(true);
      expect(runner.requests).to.have.length(1);
      expect((await request(t.app).get('/readyz').expect(200)).body.checks.store).to.equal('ok');
      expect(features.store.health()).to.equal('up');
    });

    it('exports no Redis metrics, since there is no Redis to be up or down', async () => {
      await start();
      const scrape = await registry.metrics();
      expect(scrape).not.to.contain('docc2context_redis_up');
      expect(scrape).not.to.contain('docc2context_redis_errors_total');
    });

    it('mounts the job API and limits it per client', async () => {
      await start({ RATE_LIMIT_REQUESTS: '1' });
      await request(t.app).post('/api/v1/conversions').send({}).expect(400);
      await request(t.app).post('/api/v1/conversions').send({}).expect(429);
    });
  });

  describe('when the cache is disabled', () => {
    it('converts every upload and streams it without a cache header', async () => {
      await start({ CACHE_TTL_SECONDS: '0' });
      const first = await upload();
      const second = await upload();
      expect([first.status, second.status]).to.deep.equal([200, 200]);
      expect(second.headers['x-docc2context-cache']).to.equal(undefined);
      expect(runner.requests).to.have.length(2);
    });
  });
});
