import { expect } from 'chai';
import express from 'express';
import type { Express } from 'express';
import request from 'supertest';
import { Registry } from 'prom-client';
import { EnvReader } from '../../../common/config.ts';
import { silentLogger } from '../../../common/logger.ts';
import { readRateLimitConfig } from '../../../converter/ratelimit/config.ts';
import { createRateLimitedCounter } from '../../../converter/ratelimit/metrics.ts';
import { createRateLimitMiddleware } from '../../../converter/ratelimit/middleware.ts';
import { createMemoryStore } from '../../../converter/store/index.ts';
import type { Store } from '../../../converter/store/types.ts';
import { errorHandler } from '../../../converter/server/middleware/errors.ts';
import { testStoreConfig } from '../store/store-config.ts';

function appWith(
  store: Store,
  options: { env?: Record<string, string>; trustProxy?: boolean | number | string; registry?: Registry } = {},
): Express {
  const reader = new EnvReader({ RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW_SECONDS: '60', ...options.env });
  const config = reader.done(readRateLimitConfig(reader));
  const app = express();
  app.set('trust proxy', options.trustProxy ?? false);
  app.use((_req, res, next) => {
    res.locals.ctx = { requestId: 'test', log: silentLogger(), startedAt: 0 };
    next();
  });
  const rateLimited = options.registry ? createRateLimitedCounter(options.registry) : undefined;
  app.post(
    '/limited',
    createRateLimitMiddleware({ limiter: store.rateLimiter, config, scope: 'convert', logger: silentLogger(), rateLimited }),
    (_req, res) => {
      res.json({ ok: true });
    },
  );
  app.use(errorHandler);
  return app;
}

describe('rate-limit middleware', () => {
  let store: Store;
  beforeEach(() => (store = createMemoryStore({ config: testStoreConfig(), logger: silentLogger() })));
  afterEach(async () => store.close());

  describe('when a client stays under the limit', () => {
    it('passes the request and announces the quota in RateLimit-* headers', async () => {
      const res = await request(appWith(store)).post('/limited').expect(200);
      expect(res.headers['ratelimit-limit']).to.equal('2');
      expect(res.headers['ratelimit-remaining']).to.equal('1');
      expect(Number(res.headers['ratelimit-reset'])).to.be.greaterThan(0);
      expect(res.headers['ratelimit-policy']).to.equal('2;w=60');
    });
  });

  describe('when a client goes over the limit', () => {
    it('answers 429 RATE_LIMITED with Retry-After and counts it', async () => {
      const registry = new Registry();
      const app = appWith(store, { registry });
      await request(app).post('/limited').expect(200);
      await request(app).post('/limited').expect(200);
      const res = await request(app).post('/limited').expect(429);
      expect(res.body.error.code).to.equal('RATE_LIMITED');
      expect(res.headers['retry-after']).to.equal('30');
      expect(res.headers['ratelimit-remaining']).to.equal('0');
      expect(await registry.getSingleMetricAsString('docc2context_rate_limited_requests_total')).to.contain('scope="convert"} 1');
    });
  });

  describe('when no proxy is trusted', () => {
    it('ignores a forged X-Forwarded-For', async () => {
      const app = appWith(store);
      await request(app).post('/limited').set('X-Forwarded-For', '203.0.113.1').expect(200);
      await request(app).post('/limited').set('X-Forwarded-For', '203.0.113.2').expect(200);
      await request(app).post('/limited').set('X-Forwarded-For', '203.0.113.3').expect(429);
    });
  });

  describe('when the proxy in front is trusted', () => {
    it('counts each forwarded client separately', async () => {
      const app = appWith(store, { trustProxy: 'loopback' });
      for (let i = 0; i < 2; i += 1) await request(app).post('/limited').set('X-Forwarded-For', '198.51.100.7').expect(200);
      await request(app).post('/limited').set('X-Forwarded-For', '198.51.100.7').expect(429);
      await request(app).post('/limited').set('X-Forwarded-For', '198.51.100.8').expect(200);
    });
  });

  describe('when API keys are configured', () => {
    const env = { RATE_LIMIT_KEY_HEADER: 'X-Api-Key', RATE_LIMIT_API_KEYS: 'key-a,key-b' };

    it('gives each known key its own bucket', async () => {
      const app = appWith(store, { env });
      for (let i = 0; i < 2; i += 1) await request(app).post('/limited').set('X-Api-Key', 'key-a').expect(200);
      await request(app).post('/limited').set('X-Api-Key', 'key-a').expect(429);
      await request(app).post('/limited').set('X-Api-Key', 'key-b').expect(200);
    });

    it('counts unknown keys against the IP, so inventing keys does not help', async () => {
      const app = appWith(store, { env });
      await request(app).post('/limited').set('X-Api-Key', 'made-up-1').expect(200);
      await request(app).post('/limited').set('X-Api-Key', 'made-up-2').expect(200);
      await request(app).post('/limited').set('X-Api-Key', 'made-up-3').expect(429);
    });
  });

  describe('when rate limiting is disabled', () => {
    it('passes every request without headers', async () => {
      const app = appWith(store, { env: { RATE_LIMIT_ENABLED: 'false' } });
      for (let i = 0; i < 4; i += 1) {
        const res = await request(app).post('/limited').expect(200);
        expect(res.headers['ratelimit-limit']).to.equal(undefined);
      }
    });
  });
});
