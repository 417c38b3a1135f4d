import { expect } from 'chai';
import request from 'supertest';
import { SERVICE_DEFAULT_OPTIONS } from '../../../common/contract/conversion-job.ts';
import { CONTENT_SECURITY_POLICY } from '../../../converter/server/middleware/security.ts';
import { buildTestApp, removeBase, zipOf, type TestApp } from './support.ts';

describe('converter app', () => {
  let t: TestApp;
  afterEach(() => removeBase(t.base));

  describe('GET /api/v1/health', () => {
    it('answers with the predecessor keys and the engine in use', async () => {
      t = buildTestApp();
      const res = await request(t.app).get('/api/v1/health').expect(200);
      expect(res.body).to.include({ status: 'ready', binary_detected: false, binary_path: 'docc2context', engine: 'builtin' });
      expect(res.body.checks).to.deep.equal({ engine: 'ok', swift_cli: 'not_used' });
      expect(Date.parse(res.body.timestamp)).to.be.a('number').and.not.NaN;
    });

    it('adds disk and memory figures with include_system=true', async () => {
      t = buildTestApp();
      const res = await request(t.app).get('/api/v1/health?include_system=true');
      expect(res.body.disk_space).to.have.keys('total_gb', 'free_gb', 'usage_percent');
      expect(res.body.memory).to.have.keys('total_gb', 'available_gb', 'usage_percent');
      expect(res.body.checks).to.have.keys('engine', 'swift_cli', 'disk_space', 'memory');
    });

    it('answers 503 unhealthy when the configured swift binary is missing', async () => {
      t = buildTestApp({ engine: { engine: 'swift', available: false, binaryDetected: false, binaryPath: '/nope/docc2context' } });
      const res = await request(t.app).get('/api/v1/health').expect(503);
      expect(res.body).to.include({ status: 'unhealthy', binary_detected: false, binary_path: '/nope/docc2context' });
      expect(res.body.checks.swift_cli).to.equal('error');
    });
  });

  describe('liveness and readiness', () => {
    it('answers /healthz, legacy /health and /readyz when ready', async () => {
      t = buildTestApp();
      expect((await request(t.app).get('/healthz').expect(200)).body).to.deep.equal({ status: 'ok' });
      expect((await request(t.app).get('/health').expect(200)).body.status).to.equal('healthy');
      expect((await request(t.app).get('/readyz').expect(200)).body).to.deep.equal({
        status: 'ready',
        checks: { engine: 'ok', lifecycle: 'ok' },
      });
    });

    it('answers /readyz 503 while draining, while /healthz stays 200', async () => {
      t = buildTestApp();
      t.deps.lifecycle.startDraining();
      const res = await request(t.app).get('/readyz').expect(503);
      expect(res.body.checks.lifecycle).to.equal('draining');
      expect(res.headers['retry-after']).to.equal('5');
      await request(t.app).get('/healthz').expect(200);
    });

    it('answers /readyz 200 with the store degraded when Redis is down (the pod still converts)', async () => {
      t = buildTestApp({ deps: { store: { health: () => 'degraded' } } });
      const res = await request(t.app).get('/readyz').expect(200);
      expect(res.body.checks.store).to.equal('degraded');
    });
  });

  describe('GET /api/v1/limits', () => {
    it('gives the configured limits for the web page', async () => {
      t = buildTestApp({ env: { MAX_UPLOAD_SIZE_MB: '3' } });
      const res = await request(t.app).get('/api/v1/limits').expect(200);
      expect(res.body).to.include({ maxUploadBytes: 3 * 1024 * 1024, conversionTimeoutSeconds: 60 });
    });

    it('gives the option defaults the service applies, for the page to label', async () => {
      t = buildTestApp();
      const res = await request(t.app).get('/api/v1/limits').expect(200);
      expect(res.body.defaults).to.deep.equal(SERVICE_DEFAULT_OPTIONS);
    });
  });

  describe('GET /metrics', () => {
    it('shows HTTP requests by route template, conversions by result and engine, and runner gauges', async () => {
      t = buildTestApp();
      await request(t.app).get('/healthz');
      await request(t.app).get('/no/such/path');
      await request(t.app)
        .post('/api/v1/convert')
        .attach('file', await zipOf({ 'a/metadata.json': '{}' }), 'a.zip')
        .expect(200);
      const res = await request(t.app).get('/metrics').expect(200);
      expect(res.headers['content-type']).to.contain('text/plain');
      expect(res.text).to.contain('docc2context_http_requests_total{route="/healthz",method="GET",status="200"} 1');
      expect(res.text).to.contain('docc2context_http_requests_total{route="unmatched",method="GET",status="404"} 1');
      expect(res.text).to.contain('docc2context_http_requests_total{route="/api/v1/convert",method="POST",status="200"} 1');
      expect(res.text).to.contain('docc2context_conversions_total{result="success",engine="builtin"} 1');
      expect(res.text).to.contain('docc2context_conversion_duration_seconds_count{result="success",engine="builtin"} 1');
      expect(res.text).to.contain('docc2context_output_files_count 1');
      expect(res.text).to.contain('docc2context_archive_bytes_count 1');
      expect(res.text).to.contain('docc2context_worker_pool_size 2');
      expect(res.text).to.contain('docc2context_conversions_queued 0');
      expect(res.text).not.to.contain('/no/such/path');
    });
  });

  describe('security headers and CORS', () => {
    it('sets a strict CSP without unsafe-inline or unsafe-eval, nosniff, frame deny and a referrer policy', async () => {
      t = buildTestApp();
      const res = await request(t.app).get('/healthz');
      expect(res.headers['content-security-policy']).to.equal(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).not.to.match(/unsafe-(inline|eval)/);
      expect(res.headers).to.include({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
      expect(res.headers['x-powered-by']).to.equal(undefined);
      expect(res.headers['strict-transport-security']).to.equal(undefined);
    });

    it('sets HSTS only when a trusted proxy says the request came over https', async () => {
      t = buildTestApp({ env: { TRUST_PROXY: 'loopback' } });
      const res = await request(t.app).get('/healthz').set('X-Forwarded-Proto', 'https');
      expect(res.headers['strict-transport-security']).to.contain('max-age=');
    });

    it('answers a preflight from a configured origin, without credentials', async () => {
      t = buildTestApp({ env: { CORS_ORIGINS: 'https://docs.example.com' } });
      const res = await request(t.app)
        .options('/api/v1/convert')
        .set('Origin', 'https://docs.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).to.equal('https://docs.example.com');
      expect(res.headers['access-control-allow-methods']).to.equal('GET, POST');
      expect(res.headers['access-control-allow-credentials']).to.equal(undefined);
    });

    it('never reflects an origin that is not configured', async () => {
      t = buildTestApp({ env: { CORS_ORIGINS: 'https://docs.example.com' } });
      const res = await request(t.app)
        .options('/api/v1/convert')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
      expect(res.headers['access-control-allow-credentials']).to.equal(undefined);
    });
  });

  describe('request ids and logs', () => {
    it('keeps a valid X-Request-ID and replaces an invalid one', async () => {
      t = buildTestApp();
      expect((await request(t.app).get('/healthz').set('X-Request-ID', 'abc-123')).headers['x-request-id']).to.equal('abc-123');
      const replaced = (await request(t.app).get('/healthz').set('X-Request-ID', 'bad id <script>')).headers['x-request-id'];
      expect(replaced).to.match(/^[0-9a-f-]{36}$/);
    });

    it('writes one ECS access line per request with the request id, duration and error code', async () => {
      t = buildTestApp();
      await request(t.app).post('/api/v1/convert').set('X-Request-ID', 'log-1').set('Content-Type', 'text/plain').send('x').expect(415);
      const line = t.logs.lines.find((l) => (l.trace as { id?: string } | undefined)?.id === 'log-1' && l.message === 'Handled request');
      expect(line).to.deep.include({ log: { level: 'warn' } });
      expect(line?.service).to.include({ name: 'docc2context-converter' });
      expect(line?.http).to.deep.include({ request: { id: 'log-1', method: 'POST' } });
      expect(line?.url).to.deep.equal({ path: '/api/v1/convert' });
      expect(line?.event).to.include({ outcome: 'failure' });
      expect(line?.client).to.have.property('ip');
      expect(
        Object.keys(line ?? {}).filter((key) => key.includes('.')),
        'no dotted keys beside nested objects',
      ).to.deep.equal([]);
      expect(line?.['@timestamp']).to.be.a('string');
      expect((line?.event as { duration: number }).duration).to.be.a('number');
      expect(line?.error).to.deep.equal({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect((line?.http as { response: { status_code: number } }).response.status_code).to.equal(415);
    });

    it('logs a successful conversion with its duration', async () => {
      t = buildTestApp();
      await request(t.app)
        .post('/api/v1/convert')
        .set('X-Request-ID', 'ok-1')
        .attach('file', await zipOf({ 'a/metadata.json': '{}' }), 'a.zip')
        .expect(200);
      const line = t.logs.lines.find((l) => (l.trace as { id?: string } | undefined)?.id === 'ok-1' && l.message === 'Converted archive');
      expect(line).to.deep.include({ log: { level: 'info' } });
      expect(line?.event).to.deep.include({ duration: 12_000_000 });
    });
  });

  describe('unknown routes', () => {
    it('answer 404 NOT_FOUND in the error shape', async () => {
      t = buildTestApp();
      const res = await request(t.app).get('/nope').expect(404);
      expect(res.body.error).to.include({ code: 'NOT_FOUND' });
    });
  });
});
