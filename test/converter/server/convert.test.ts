import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import yauzl from 'yauzl';
import { AppError } from '../../../converter/errors.ts';
import { binary, buildTestApp, leftovers, removeBase, settledLeftovers, zipOf, type TestApp } from './support.ts';
import { delay } from '../../../common/delay.ts';

function zipEntries(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names.sort()));
      zip.readEntry();
    });
  });
}

describe('POST /api/v1/convert (with fake archive and runner)', () => {
  let t: TestApp;
  let upload: Buffer;

  before(async () => {
    upload = await zipOf({ 'Fake.doccarchive/metadata.json': '{}' });
  });
  beforeEach(() => {
    t = buildTestApp();
  });
  afterEach(() => removeBase(t.base));

  describe('when multipart/form-data comes without a boundary', () => {
    it('answers 400 BAD_REQUEST, not 500', async () => {
      const res = await request(t.app).post('/api/v1/convert').set('Content-Type', 'multipart/form-data').send(upload);
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('BAD_REQUEST');
      expect(res.body.error.message).to.contain('boundary');
    });
  });

  describe('when the form carries the documented 64 technology values', () => {
    it('accepts them all, and refuses a 65th with the technology message', async () => {
      const post = (count: number) => {
        let req = request(t.app).post('/api/v1/convert');
        for (let index = 0; index < count; index += 1) req = req.field('technology', `Kit${index}`);
        return req.attach('file', upload, { filename: 'a.zip', contentType: 'application/zip' }).buffer(true).parse(binary);
      };
      expect((await post(64)).status).to.equal(200);
      const refused = await post(65);
      expect(refused.status).to.equal(400);
      expect(JSON.parse(String(refused.body)).error.message).to.contain('At most 64 technology values');
    });
  });

  describe('when a zip arrives as multipart field "file"', () => {
    it('streams back the result zip with the conversion headers and removes the workspace', async () => {
      const res = await request(t.app)
        .post('/api/v1/convert')
        .set('X-Request-ID', 'req-123')
        .attach('file', upload, { filename: 'My Docs.doccarchive.zip', contentType: 'application/zip' })
        .buffer(true)
        .parse(binary);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('application/zip');
      expect(res.headers['content-disposition']).to.equal('attachment; filename="My_Docs-markdown.zip"');
      expect(res.headers['x-request-id']).to.equal('req-123');
      expect(res.headers['x-docc2context-files']).to.equal('2');
      expect(res.headers['x-docc2context-engine']).to.equal('builtin');
      expect(res.headers['x-docc2context-duration-ms']).to.equal('12');
      expect(res.headers['x-docc2context-counts']).to.equal('symbols=0, articles=1, tutorials=0, volumes=0, chapters=0');
      expect(await zipEntries(res.body as Buffer)).to.deep.equal(['linkgraph/adjacency.json', 'markdown/index.md']);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });

    it('passes form-field options, technology repeated, to the runner', async () => {
      await request(t.app)
        .post('/api/v1/convert')
        .field('symbolLayout', 'single')
        .field('technology', 'A')
        .field('technology', 'B')
        .attach('file', upload, 'a.zip')
        .expect(200);
      expect(t.runner.requests[0]?.options).to.deep.equal({ symbolLayout: 'single', technologies: ['A', 'B'] });
      expect(t.runner.requests[0]?.timeoutMs).to.equal(60_000);
    });
  });

  describe('when a zip arrives as a raw application/zip body', () => {
    it('converts it, taking options from the query and naming the result after the DocC folder', async () => {
      const res = await request(t.app)
        .post('/api/v1/convert?profile=swift-compat&tutorialLayout=single&technology=x')
        .set('Content-Type', 'application/zip')
        .send(upload)
        .expect(200);
      expect(res.headers['content-disposition']).to.equal('attachment; filename="Fake-markdown.zip"');
      expect(t.runner.requests[0]?.options).to.deep.equal({ profile: 'swift-compat', tutorialLayout: 'single', technologies: ['x'] });
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when front matter is asked for with the rich profile', () => {
    it('passes frontMatter on as a boolean', async () => {
      await request(t.app).post('/api/v1/convert?frontMatter=true').set('Content-Type', 'application/zip').send(upload).expect(200);
      expect(t.runner.requests[0]?.options).to.deep.equal({ frontMatter: true });
    });
  });

  describe('when tutorialLayout is given with rich', () => {
    it('answers 400 saying the option is swift-compat only', async () => {
      const res = await request(t.app)
        .post('/api/v1/convert?profile=rich&tutorialLayout=chapter')
        .set('Content-Type', 'application/zip')
        .send(upload)
        .expect(400);
      expect(res.body.error.message).to.equal('tutorialLayout applies to the swift-compat profile only.');
    });
  });

  describe('when the request is wrong', () => {
    const cases: Array<[string, (a: TestApp, zip: Buffer) => request.Test, number, string]> = [
      [
        'a text/plain body',
        (a) => request(a.app).post('/api/v1/convert').set('Content-Type', 'text/plain').send('hello'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['no content type', (a) => request(a.app).post('/api/v1/convert'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'a non-zip file',
        (a) => request(a.app).post('/api/v1/convert').attach('file', Buffer.from('not a zip\n'), 'x.zip'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['an empty file', (a) => request(a.app).post('/api/v1/convert').attach('file', Buffer.alloc(0), 'x.zip'), 400, 'BAD_REQUEST'],
      ['no file field', (a) => request(a.app).post('/api/v1/convert').field('profile', 'rich'), 400, 'BAD_REQUEST'],
      ['a file in another field', (a, zip) => request(a.app).post('/api/v1/convert').attach('upload', zip, 'x.zip'), 400, 'BAD_REQUEST'],
      [
        'two files',
        (a, zip) => request(a.app).post('/api/v1/convert').attach('file', zip, 'x.zip').attach('file', zip, 'y.zip'),
        400,
        'BAD_REQUEST',
      ],
      [
        'an unknown option value',
        (a, zip) => request(a.app).post('/api/v1/convert?symbolLayout=flat').attach('file', zip, 'x.zip'),
        400,
        'BAD_REQUEST',
      ],
      [
        'frontMatter neither true nor false',
        (a, zip) => request(a.app).post('/api/v1/convert?frontMatter=yes').attach('file', zip, 'x.zip'),
        400,
        'BAD_REQUEST',
      ],
      [
        'frontMatter with swift-compat',
        (a, zip) => request(a.app).post('/api/v1/convert?profile=swift-compat').field('frontMatter', 'true').attach('file', zip, 'x.zip'),
        400,
        'BAD_REQUEST',
      ],
      [
        'tutorialLayout with rich (the default)',
        (a, zip) => request(a.app).post('/api/v1/convert?tutorialLayout=single').attach('file', zip, 'x.zip'),
        400,
        'BAD_REQUEST',
      ],
    ];
    for (const [name, send, status, code] of cases) {
      it(`answers ${status} ${code} for ${name} and leaves no workspace`, async () => {
        const res = await send(t, upload);
        expect(res.status).to.equal(status);
        expect(res.body.error.code).to.equal(code);
        expect(res.body.error.requestId).to.equal(res.headers['x-request-id']);
        expect(t.runner.requests).to.have.length(0);
        expect(await settledLeftovers(t.base)).to.deep.equal([]);
      });
    }
  });

  describe('when the archive service rejects the upload', () => {
    it('answers with the catalogue code and counts the validation failure by reason', async () => {
      t.archive.inspectError = new AppError('UNSAFE_ARCHIVE', 'The archive contains an unsafe path.');
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'x.zip').expect(400);
      expect(res.body.error).to.include({ code: 'UNSAFE_ARCHIVE', message: 'The archive contains an unsafe path.' });
      const metrics = await t.metrics.registry.metrics();
      expect(metrics).to.contain('docc2context_validation_failures_total{reason="unsafe_archive"} 1');
      expect(metrics).to.contain('docc2context_conversions_total{result="rejected",engine="builtin"} 1');
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });

    it('answers 422 when no DocC archive is inside', async () => {
      t.archive.inspectError = new AppError('NOT_DOCC_ARCHIVE', 'The zip does not contain a DocC archive.');
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'x.zip').expect(422);
      expect(res.body.error.code).to.equal('NOT_DOCC_ARCHIVE');
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when the runner fails', () => {
    it('answers 504 TIMED_OUT on a timeout', async () => {
      t.runner.error = new AppError('TIMED_OUT', 'The conversion took longer than 60 s.');
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'x.zip').expect(504);
      expect(res.body.error.code).to.equal('TIMED_OUT');
      expect(await t.metrics.registry.metrics()).to.contain('docc2context_conversions_total{result="timeout",engine="builtin"} 1');
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });

    it('answers 503 with Retry-After when its queue is full', async () => {
      t.runner.error = new AppError('OVERLOADED', 'The service is busy.', { retryAfterSeconds: 7 });
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'x.zip').expect(503);
      expect(res.headers['retry-after']).to.equal('7');
      expect(res.body.error.code).to.equal('OVERLOADED');
    });

    it('answers 500 INTERNAL without the internal detail, and logs the detail', async () => {
      t.runner.error = new Error('ENOENT /var/secret/path');
      const res = await request(t.app).post('/api/v1/convert').set('X-Request-ID', 'bug-1').attach('file', upload, 'x.zip').expect(500);
      expect(res.body.error.code).to.equal('INTERNAL');
      expect(JSON.stringify(res.body)).not.to.contain('/var/secret');
      const logged = t.logs.lines.find((l) => l.message === 'Failed with an unexpected error');
      expect(JSON.stringify(logged)).to.contain('/var/secret/path');
      expect((logged?.trace as { id?: string } | undefined)?.id).to.equal('bug-1');
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when the runner is already full', () => {
    it('answers 503 OVERLOADED at once without reading the upload', async () => {
      t.runner.statsValue = { inFlight: 2, queued: 4, capacity: 2, queueLimit: 4 };
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'x.zip').expect(503);
      expect(res.headers['retry-after']).to.equal('5');
      expect(res.body.error.code).to.equal('OVERLOADED');
      expect(t.archive.inspected).to.have.length(0);
    });
  });

  describe('when the service is draining', () => {
    it('refuses new conversions with 503 NOT_READY', async () => {
      t.deps.lifecycle.startDraining();
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'x.zip').expect(503);
      expect(res.body.error.code).to.equal('NOT_READY');
      expect(res.headers['retry-after']).to.equal('5');
    });
  });

  describe('when the client goes away mid-conversion', () => {
    it('aborts the conversion, removes the workspace and counts it as cancelled, not as an error', async () => {
      let release!: () => void;
      t.runner.gate = new Promise((resolve) => (release = resolve));
      const server = http.createServer(t.app).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const req = http.request({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/v1/convert',
          headers: { 'Content-Type': 'application/zip' },
        });
        req.on('error', () => undefined);
        req.end(upload);
        while (t.runner.requests.length === 0) await delay(5);
        req.destroy();
        while (t.runner.abortedCount === 0) await delay(5);
        while (leftovers(t.base).length > 0) await delay(5);
        expect(t.runner.abortedCount).to.equal(1);
        const counted = async (result: string): Promise<number> =>
          (await t.metrics.conversions.get()).values.find((value) => value.labels.result === result)?.value ?? 0;
        while ((await counted('cancelled')) === 0) await delay(5);
        expect(await counted('error')).to.equal(0);
        const messages = t.logs.lines.map((line) => line.message);
        expect(messages).to.include('Cancelled conversion: the client closed the connection');
        expect(messages).not.to.include('Failed with an unexpected error');
      } finally {
        release();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
