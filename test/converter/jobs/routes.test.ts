import { expect } from 'chai';
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { ConversionJobStatus } from '../../../common/contract/conversion-job.ts';
import { AppError } from '../../../converter/errors.ts';
import { StoreUnavailableError } from '../../../converter/store/errors.ts';
import { buildJobsTestApp, inlineSource } from './support.ts';
import type { JobsTestApp } from './support.ts';
import { delay } from '../../../common/delay.ts';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('job API (POST/GET/DELETE /api/v1/conversions)', () => {
  let t: JobsTestApp;
  const post = (body: unknown): request.Test =>
    request(t.app)
      .post('/api/v1/conversions')
      .send(body as object);

  afterEach(async () => t.close());

  describe('when a job with an inline source succeeds', () => {
    beforeEach(() => (t = buildJobsTestApp()));

    it('answers 200 with the summary and retains the zip for GET result.zip', async () => {
      const res = await post({ id: 'ns/doc/uid-1', source: inlineSource(), options: { profile: 'rich' } }).expect(200);
      const status = res.body as ConversionJobStatus;
      expect(status).to.include({ id: 'ns/doc/uid-1', state: 'succeeded', files: 2, cacheHit: false, engine: 'builtin' });
      expect(status.counts).to.deep.equal({ volumes: 0, chapters: 0, articles: 1, symbols: 0, tutorials: 0 });
      expect(status.location).to.include({ kind: 'retained', path: '/api/v1/conversions/ns%2Fdoc%2Fuid-1/result.zip' });
      const zip = await request(t.app)
        .get(status.location!.kind === 'retained' ? status.location!.path : '')
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(zip.headers['content-type']).to.equal('application/zip');
      expect((zip.body as Buffer).length).to.equal(status.bytes);
      expect(sha256(zip.body as Buffer)).to.equal(status.sha256);
    });

    it('answers the same status to GET /:id', async () => {
      const created = (await post({ id: 'job-get', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      const fetched = await request(t.app).get('/api/v1/conversions/job-get').expect(200);
      expect(fetched.body).to.deep.equal(created);
    });
  });

  describe('when the same job is submitted again', () => {
    beforeEach(() => (t = buildJobsTestApp()));

    it('answers the stored summary without converting twice', async () => {
      const body = { id: 'retry-1', source: inlineSource(), options: { symbolLayout: 'tree', profile: 'rich' } };
      const first = await post(body).expect(200);
      const again = await post({ options: { profile: 'rich', symbolLayout: 'tree' }, source: body.source, id: 'retry-1' }).expect(200);
      expect(again.body).to.deep.equal(first.body);
      expect(t.runner.requests).to.have.length(1);
    });

    it('converts once when the repeats arrive while it runs', async () => {
      const g = gate();
      t.runner.gate = g.promise;
      const body = { id: 'concurrent', source: inlineSource() };
      const pending = [post(body), post(body), post(body)].map((test) => test.then((res) => res));
      await delay(50);
      g.open();
      const answers = await Promise.all(pending);
      expect(answers.map((res) => res.status)).to.deep.equal([200, 200, 200]);
      expect(new Set(answers.map((res) => (res.body as ConversionJobStatus).sha256)).size).to.equal(1);
      expect(t.runner.requests).to.have.length(1);
    });

    it('answers 409 CONFLICT when the id comes back with another body', async () => {
      await post({ id: 'same-id', source: inlineSource('one') }).expect(200);
      const res = await post({ id: 'same-id', source: inlineSource('two') }).expect(409);
      expect(res.body.error.code).to.equal('CONFLICT');
    });
  });

  describe('when another job carries the same archive and options', () => {
    beforeEach(() => (t = buildJobsTestApp()));

    it('is served from the cache with identical bytes and counts a hit', async () => {
      const first = (await post({ id: 'a', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      const second = (await post({ id: 'b', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      expect(second.cacheHit).to.equal(true);
      expect(second.sha256).to.equal(first.sha256);
      expect(t.runner.requests).to.have.length(1);
      const metrics = await t.metrics.registry.getSingleMetricAsString('docc2context_cache_lookups_total');
      expect(metrics).to.contain('result="hit"} 1').and.to.contain('result="miss"} 1');
    });
  });

  describe('when the output is returned inline', () => {
    it('carries the zip as base64 in the status', async () => {
      t = buildJobsTestApp();
      const status = (await post({ id: 'inline-out', source: inlineSource(), output: { return: true } }).expect(200))
        .body as ConversionJobStatus;
      expect(status.location?.kind).to.equal('inline');
      const zip = Buffer.from(status.location?.kind === 'inline' ? status.location.zipBase64 : '', 'base64');
      expect(sha256(zip)).to.equal(status.sha256);
      await request(t.app).get('/api/v1/conversions/inline-out/result.zip').expect(404);
    });

    it('fails permanently with OUTPUT_TOO_LARGE over the return cap', async () => {
      t = buildJobsTestApp({ env: { JOB_RETURN_MAX_BYTES: '100' } });
      const status = (await post({ id: 'too-big', source: inlineSource(), output: { return: true } }).expect(200))
        .body as ConversionJobStatus;
      expect(status.state).to.equal('failed');
      expect(status.error).to.deep.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
    });
  });

  describe('when a retained result is larger than RESULT_MAX_BYTES', () => {
    it('fails permanently with OUTPUT_TOO_LARGE naming the setting, and stores nothing', async () => {
      t = buildJobsTestApp({ env: { RESULT_MAX_BYTES: '100' } });
      const status = (await post({ id: 'too-big-retained', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      expect(status.state).to.equal('failed');
      expect(status.error).to.deep.include({ code: 'OUTPUT_TOO_LARGE', permanent: true });
      expect(status.error?.message).to.contain('RESULT_MAX_BYTES');
      await request(t.app).get('/api/v1/conversions/too-big-retained/result.zip').expect(404);
    });
  });

  describe('when job requests are logged and counted', () => {
    it('logs the real path and labels the route template without a trailing slash', async () => {
      t = buildJobsTestApp();
      await post({ id: 'logged-job', source: inlineSource() }).expect(200);
      await request(t.app).get('/api/v1/conversions/logged-job?verbose=1').set('User-Agent', 'probe/1').expect(200);
      const lines = t.logs.lines.filter((line) => line.message === 'Handled request');
      const get = lines.find((line) => (line.url as { path: string }).path === '/api/v1/conversions/logged-job');
      expect(get?.url).to.deep.equal({ path: '/api/v1/conversions/logged-job', query: 'verbose=1' });
      expect(get?.user_agent).to.deep.equal({ original: 'probe/1' });
      expect(get?.docc2context).to.deep.equal({ route: '/api/v1/conversions/:id' });
      const scrape = await t.metrics.registry.metrics();
      expect(scrape).to.contain('docc2context_http_requests_total{route="/api/v1/conversions",method="POST",status="200"} 1');
      expect(scrape).to.contain('docc2context_http_requests_total{route="/api/v1/conversions/:id",method="GET",status="200"} 1');
    });
  });

  describe('when the pod is draining', () => {
    it('answers every job request 503 NOT_READY with Retry-After', async () => {
      let draining = false;
      t = buildJobsTestApp({ draining: () => draining });
      await post({ id: 'before-drain', source: inlineSource() }).expect(200);
      draining = true;
      for (const res of [
        await post({ id: 'during-drain', source: inlineSource() }),
        await request(t.app).get('/api/v1/conversions/before-drain'),
      ]) {
        expect(res.status).to.equal(503);
        expect(res.body.error.code).to.equal('NOT_READY');
        expect(res.headers['retry-after']).to.equal('5');
      }
    });
  });

  describe('when the store is degraded', () => {
    it('answers 503 NOT_READY rather than 404 for a job or result it cannot see', async () => {
      t = buildJobsTestApp();
      const health = (): 'up' | 'degraded' => 'degraded';
      Object.assign(t.store, { health });
      for (const path of ['/api/v1/conversions/unseen', '/api/v1/conversions/unseen/result.zip']) {
        const res = await request(t.app).get(path);
        expect(res.status, path).to.equal(503);
        expect(res.body.error.code).to.equal('NOT_READY');
      }
    });
  });

  describe('when a retained result does not move in time', () => {
    it('answers 503 NOT_READY with Retry-After while the store is up, never 404', async () => {
      t = buildJobsTestApp();
      Object.assign(t.store.results, { get: () => Promise.reject(new StoreUnavailableError()) });
      const res = await request(t.app).get('/api/v1/conversions/slow/result.zip');
      expect(res.status).to.equal(503);
      expect(res.body.error.code).to.equal('NOT_READY');
      expect(res.headers['retry-after']).to.equal('5');
      expect(t.store.health()).to.equal('up');
    });
  });

  describe('when the pod shuts down while a job runs', () => {
    it('hands the job back: its record and lock are deleted, so the same id runs anew elsewhere', async () => {
      t = buildJobsTestApp({ env: { JOB_SYNC_WAIT_MS: '0' } });
      let release!: () => void;
      t.runner.gate = new Promise((resolve) => (release = resolve));
      await post({ id: 'handed-back', source: inlineSource() }).expect(202);
      while (t.runner.requests.length === 0) await delay(5);
      expect(await t.store.jobs.get('handed-back')).not.to.equal(undefined);
      await t.api.close(50);
      expect(await t.store.jobs.get('handed-back')).to.equal(undefined);
      expect(await t.store.locks.tryAcquire('job:handed-back', 1000)).not.to.equal(undefined);
      release();
      await delay(50);
      expect(await t.store.jobs.get('handed-back'), 'the late end of the job wrote no record').to.equal(undefined);
    });
  });

  describe('when the conversion fails', () => {
    beforeEach(() => (t = buildJobsTestApp()));

    it('stores a permanent failure and answers it again without rerunning', async () => {
      t.runner.error = new AppError('CONVERSION_FAILED', 'The archive has no documentation');
      const first = (await post({ id: 'bad', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      expect(first.state).to.equal('failed');
      expect(first.error).to.deep.equal({ code: 'CONVERSION_FAILED', message: 'The archive has no documentation', permanent: true });
      await post({ id: 'bad', source: inlineSource() }).expect(200);
      expect(t.runner.requests).to.have.length(1);
    });

    it('runs a transiently failed job again when it is retried', async () => {
      t.runner.error = new AppError('TIMED_OUT', 'The conversion took too long');
      const first = (await post({ id: 'flaky', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      expect(first.error).to.deep.include({ code: 'TIMED_OUT', permanent: false });
      t.runner.error = undefined;
      const second = (await post({ id: 'flaky', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      expect(second.state).to.equal('succeeded');
      expect(t.runner.requests).to.have.length(2);
    });

    it('never forwards the text of unexpected errors', async () => {
      t.runner.error = new Error('EACCES: /var/secret/path');
      const status = (await post({ id: 'bug', source: inlineSource() }).expect(200)).body as ConversionJobStatus;
      expect(status.error?.code).to.equal('INTERNAL');
      expect(JSON.stringify(status)).to.not.contain('/var/secret');
    });
  });

  describe('when the job outlives the sync wait', () => {
    it('answers 202 running, then GET answers the finished job', async () => {
      t = buildJobsTestApp({ env: { JOB_SYNC_WAIT_MS: '50' } });
      const g = gate();
      t.runner.gate = g.promise;
      const res = await post({ id: 'slow', source: inlineSource() }).expect(202);
      expect(res.body).to.include({ id: 'slow', state: 'running' });
      expect((await request(t.app).get('/api/v1/conversions/slow').expect(200)).body.state).to.equal('running');
      g.open();
      for (let i = 0; i < 100 && (await request(t.app).get('/api/v1/conversions/slow')).body.state === 'running'; i += 1) {
        await delay(10);
      }
      expect((await request(t.app).get('/api/v1/conversions/slow').expect(200)).body.state).to.equal('succeeded');
    });
  });

  describe('when a job is deleted', () => {
    it('answers 204 once, then 404 for the job, its result and a second delete', async () => {
      t = buildJobsTestApp();
      await post({ id: 'gone', source: inlineSource() }).expect(200);
      await request(t.app).delete('/api/v1/conversions/gone').expect(204);
      await request(t.app).get('/api/v1/conversions/gone').expect(404);
      await request(t.app).get('/api/v1/conversions/gone/result.zip').expect(404);
      const again = await request(t.app).delete('/api/v1/conversions/gone').expect(404);
      expect(again.body.error.code).to.equal('NOT_FOUND');
    });
  });

  describe('when the request is invalid', () => {
    beforeEach(() => (t = buildJobsTestApp({ env: { JOB_INLINE_MAX_BYTES: '1024' } })));

    it('answers 400 BAD_REQUEST naming the field, and creates no job', async () => {
      const res = await post({ id: 'x', source: { url: 'file:///etc/passwd' } }).expect(400);
      expect(res.body.error.code).to.equal('BAD_REQUEST');
      expect(res.body.error.message).to.contain('/source');
      await post({ id: 'x', source: inlineSource(), output: { retain: {}, url: 'https://a/b' } }).expect(400);
      await post({ id: '../x', source: inlineSource() }).expect(400);
      await request(t.app).get('/api/v1/conversions/x').expect(404);
    });

    it('answers 400 to options that do not go together, and accepts frontMatter with rich', async () => {
      const res = await post({ id: 'fm', source: inlineSource(), options: { profile: 'swift-compat', frontMatter: true } }).expect(400);
      expect(res.body.error.message).to.equal('Invalid job request: frontMatter applies to the rich profile only.');
      await post({ id: 'tl', source: inlineSource(), options: { tutorialLayout: 'single' } }).expect(400);
      await post({ id: 'fm2', source: inlineSource(), options: { frontMatter: 'yes' } }).expect(400);
      await request(t.app).get('/api/v1/conversions/fm').expect(404);
    });

    it('answers 415 to a body that is not JSON', async () => {
      const res = await request(t.app).post('/api/v1/conversions').set('content-type', 'text/plain').send('id=x').expect(415);
      expect(res.body.error.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 413 to an inline source over the cap', async () => {
      const res = await post({ id: 'big', source: { inline: Buffer.alloc(4096).toString('base64') } }).expect(413);
      expect(res.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
      expect(t.runner.requests).to.have.length(0);
    });
  });

  describe('when the source URL points inside the cluster', () => {
    it('fails permanently with SOURCE_FORBIDDEN without fetching', async () => {
      t = buildJobsTestApp();
      const status = (await post({ id: 'ssrf', source: { url: 'http://169.254.169.254/latest/meta-data/' } }).expect(200))
        .body as ConversionJobStatus;
      expect(status.error).to.deep.include({ code: 'SOURCE_FORBIDDEN', permanent: true });
      expect(t.runner.requests).to.have.length(0);
    });
  });

  describe('when the pod refuses new work', () => {
    it('answers the admission error and creates no job', async () => {
      t = buildJobsTestApp({ admission: () => new AppError('NOT_READY', 'Shutting down', { retryAfterSeconds: 5 }) });
      const res = await post({ id: 'late', source: inlineSource() }).expect(503);
      expect(res.headers['retry-after']).to.equal('5');
      await request(t.app).get('/api/v1/conversions/late').expect(404);
    });
  });
});
