import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { convertPath } from '../../../converter/engine/index.ts';
import { DOCC_FIXTURES, SERVICE_FIXTURES } from '../../support/paths.ts';
import { createBuiltinRunner, toEngineOptions as engineOptions, type BuiltinRunnerOptions } from '../../../converter/runner/builtin.ts';
import type { ConversionRunner } from '../../../converter/runner/types.ts';
import { buildZip, doccEntries, type RawZipEntry } from '../archive/zip-builder.ts';
import { binary, removeBase, settledLeftovers } from './support.ts';
import { deeplyNested, repeatedReference } from '../../support/hostile-archives.ts';
import { zipBuffer } from '../../support/zip.ts';
import { buildRealApp, readTree, readZip, zipUnder } from './support-e2e.ts';
import { delay } from '../../../common/delay.ts';

type RealApp = ReturnType<typeof buildRealApp>;

const STUCK_ENGINE_WORKER = new URL('../runner/fixtures/stuck-engine.worker.ts', import.meta.url);

async function engineTree(inputPath: string, base: string, options = {}): Promise<Map<string, Buffer>> {
  const out = fs.mkdtempSync(path.join(base, '..', 'd2c-expected-'));
  try {
    await convertPath({ inputPath, outputPath: out, force: true, options: engineOptions(options), warningsFile: { aliases: [] } });
    return withoutWarningsFile(await readTree(out));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** warnings.json names local paths differently in each run: compare whether it is there, not its bytes. */
function withoutWarningsFile(tree: Map<string, Buffer>): Map<string, Buffer> {
  if (tree.delete('warnings.json')) tree.set('warnings.json', Buffer.from('present'));
  return tree;
}

function post(t: RealApp, zip: Buffer, query = ''): request.Test {
  return request(t.app)
    .post(`/api/v1/convert${query}`)
    .attach('file', zip, { filename: 'upload.zip', contentType: 'application/zip' })
    .buffer(true)
    .parse(binary);
}

describe('POST /api/v1/convert end to end (real archive library and engine)', function () {
  this.timeout(120_000);
  let t: RealApp;
  const runners: ConversionRunner[] = [];
  const realApp = (env: Record<string, string> = {}, pool: BuiltinRunnerOptions = { concurrency: 2, queueLimit: 4 }): RealApp => {
    const runner = createBuiltinRunner(pool);
    runners.push(runner);
    return buildRealApp(runner, env);
  };
  beforeEach(() => {
    t = realApp();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close(5000)));
    removeBase(t.base);
  });

  describe('when the upload is the real SpecificationCore DocC zip', () => {
    it('returns a zip equal to the engine output for the same input, and removes the workspace', async () => {
      const zip = fs.readFileSync(path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'));
      const res = await request(t.app)
        .post('/api/v1/convert')
        .attach('file', zip, 'SpecificationCore.doccarchive.zip')
        .buffer(true)
        .parse(binary);
      expect(res.status, String(res.body)).to.equal(200);
      expect(res.headers['content-disposition']).to.equal('attachment; filename="SpecificationCore-markdown.zip"');
      const served = withoutWarningsFile(await readZip(res.body as Buffer));
      const extracted = fs.mkdtempSync(path.join(t.base, '..', 'd2c-spec-'));
      try {
        const { execFileSync } = await import('node:child_process');
        execFileSync('unzip', ['-q', path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'), '-d', extracted]);
        const expected = await engineTree(path.join(extracted, 'SpecificationCore.doccarchive'), t.base);
        expect([...served.keys()].sort()).to.deep.equal([...expected.keys()].sort());
        for (const [name, bytes] of expected) expect(served.get(name)?.equals(bytes), name).to.equal(true);
        expect(res.headers['x-docc2context-files']).to.equal(String(expected.size));
      } finally {
        fs.rmSync(extracted, { recursive: true, force: true });
      }
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when some pages cannot be parsed or rendered', () => {
    it('answers 200 with X-Docc2context-Warnings and a warnings.json naming each page, and links only to written pages', async () => {
      const files = { ...deeplyNested(20_000), 'data/documentation/hostile/broken.json': '{"kind": "article",' };
      const zip = await zipBuffer(
        Object.fromEntries(Object.entries(files).map(([name, content]) => [`Hostile.doccarchive/${name}`, content])),
      );
      const res = await post(t, zip);
      expect(res.status, String(res.body)).to.equal(200);
      expect(res.headers['x-docc2context-warnings']).to.equal('2');
      const served = await readZip(res.body as Buffer);
      const report = JSON.parse(served.get('warnings.json')?.toString() ?? '{}') as { warnings: Array<{ page: string; reason: string }> };
      expect(report.warnings.map((warning) => warning.page)).to.have.members([
        'data/documentation/hostile/broken.json',
        'data/documentation/hostile/deep.json',
      ]);
      expect(JSON.stringify(report)).not.to.contain(t.base);
      const module = served.get('markdown/documentation/hostile/index.md')?.toString() ?? '';
      expect(module).to.contain('(deep/index.md)');
      expect(served.get('markdown/documentation/hostile/deep/index.md')?.toString()).to.contain('could not be converted');
    });
  });

  describe('when every page converts', () => {
    it('answers X-Docc2context-Warnings: 0 and the zip has no warnings.json', async () => {
      const files = repeatedReference(3, 10);
      const res = await post(
        t,
        await zipBuffer(Object.fromEntries(Object.entries(files).map(([name, content]) => [`Clean.doccarchive/${name}`, content]))),
      );
      expect(res.status).to.equal(200);
      expect(res.headers['x-docc2context-warnings']).to.equal('0');
      expect((await readZip(res.body as Buffer)).has('warnings.json')).to.equal(false);
    });
  });

  for (const fixture of ['ArticleReference', 'Docc2contextCore', 'TutorialCatalog']) {
    describe(`when the upload is a zip of the ${fixture} fixture`, () => {
      it('returns exactly the engine output for that archive', async () => {
        const dir = path.join(DOCC_FIXTURES, `${fixture}.doccarchive`);
        const res = await post(t, await zipUnder(dir, `${fixture}.doccarchive`), '?symbolLayout=single');
        expect(res.status).to.equal(200);
        const served = withoutWarningsFile(await readZip(res.body as Buffer));
        const expected = await engineTree(dir, t.base, { symbolLayout: 'single' });
        expect(served.size).to.be.greaterThan(0);
        expect([...served.keys()].sort()).to.deep.equal([...expected.keys()].sort());
        for (const [name, bytes] of expected) expect(served.get(name)?.equals(bytes), name).to.equal(true);
        expect(await settledLeftovers(t.base)).to.deep.equal([]);
      });
    });
  }

  describe('when the upload is a bad input from the predecessor fixtures', () => {
    const expected: Record<string, [number, string]> = {
      'invalid.txt': [415, 'UNSUPPORTED_MEDIA_TYPE'],
      'test.zip': [400, 'CORRUPT_ARCHIVE'],
      'test_file.zip': [415, 'UNSUPPORTED_MEDIA_TYPE'],
      'test_output.zip': [422, 'NOT_DOCC_ARCHIVE'],
      'valid.zip': [422, 'NOT_DOCC_ARCHIVE'],
    };
    it('covers every negative fixture', () => {
      expect(fs.readdirSync(path.join(SERVICE_FIXTURES, 'negative')).sort()).to.deep.equal(Object.keys(expected).sort());
    });
    for (const [name, [status, code]] of Object.entries(expected)) {
      it(`answers ${status} ${code} for ${name} and leaves no workspace`, async () => {
        const res = await request(t.app)
          .post('/api/v1/convert')
          .attach('file', path.join(SERVICE_FIXTURES, 'negative', name));
        expect(res.status).to.equal(status);
        expect(res.body.error.code).to.equal(code);
        expect(await settledLeftovers(t.base)).to.deep.equal([]);
      });
    }
  });

  describe('when the zip breaks an archive rule', () => {
    const root = 'Demo.doccarchive/';
    const rules: Array<[string, () => RawZipEntry[], number, string]> = [
      [
        'a zip bomb (64 MiB of zeros)',
        () => [...doccEntries(root), { name: `${root}bomb.json`, data: Buffer.alloc(64 * 1024 * 1024) }],
        413,
        'ARCHIVE_TOO_LARGE',
      ],
      [
        'a zip bomb with lying sizes',
        () => [...doccEntries(root), { name: `${root}liar.json`, data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 10 }],
        413,
        'ARCHIVE_TOO_LARGE',
      ],
      ['zip slip with ..', () => [...doccEntries(root), { name: '../evil.md', data: 'x' }], 400, 'UNSAFE_ARCHIVE'],
      ['an absolute path', () => [...doccEntries(root), { name: '/etc/evil.md', data: 'x' }], 400, 'UNSAFE_ARCHIVE'],
      ['a backslash path', () => [...doccEntries(root), { name: '..\\evil.md', data: 'x' }], 400, 'UNSAFE_ARCHIVE'],
      [
        'a symlink entry',
        () => [...doccEntries(root), { name: `${root}link`, data: '/etc/passwd', method: 0, externalAttributes: (0o120777 << 16) >>> 0 }],
        400,
        'UNSAFE_ARCHIVE',
      ],
      ['an encrypted entry', () => [...doccEntries(root), { name: `${root}secret.json`, data: 'x', flags: 0x801 }], 400, 'UNSAFE_ARCHIVE'],
      [
        'too many entries',
        () => [...doccEntries(root), ...Array.from({ length: 30 }, (_, i) => ({ name: `${root}f${i}.json`, data: '{}' }))],
        413,
        'TOO_MANY_ENTRIES',
      ],
      ['no DocC archive inside', () => [{ name: 'readme.md', data: '# hi' }], 422, 'NOT_DOCC_ARCHIVE'],
    ];
    for (const [name, entries, status, code] of rules) {
      it(`answers ${status} ${code} for ${name} and leaves no workspace`, async () => {
        removeBase(t.base);
        t = realApp({ MAX_ARCHIVE_ENTRIES: '20' });
        const res = await request(t.app).post('/api/v1/convert').attach('file', buildZip(entries()), 'evil.zip');
        expect(res.status, JSON.stringify(res.body)).to.equal(status);
        expect(res.body.error.code).to.equal(code);
        expect(await settledLeftovers(t.base)).to.deep.equal([]);
        expect(await t.metrics.registry.metrics()).to.contain(`docc2context_validation_failures_total{reason="${code.toLowerCase()}"} 1`);
      });
    }
  });

  describe('when the archive is accepted but the engine rejects it', () => {
    it('answers 422 CONVERSION_FAILED with the engine message', async () => {
      // A root metadata.json without bundleID: the swift-compat engine refuses the bundle metadata.
      const res = await request(t.app)
        .post('/api/v1/convert?profile=swift-compat')
        .attach('file', buildZip(doccEntries('Demo.doccarchive/')), 'demo.zip');
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('CONVERSION_FAILED');
      expect(res.body.error.message).to.contain('Info.plist not found');
      expect(res.body.error.message).not.to.contain(t.base);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when a conversion runs past CONVERSION_TIMEOUT_SECONDS', () => {
    it('answers 504 TIMED_OUT, frees the worker and removes the workspace', async () => {
      removeBase(t.base);
      // A worker that never finishes: the timeout fires however fast this machine converts.
      t = realApp({ CONVERSION_TIMEOUT_SECONDS: '1' }, { concurrency: 2, queueLimit: 4, workerUrl: STUCK_ENGINE_WORKER });
      const zip = fs.readFileSync(path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'));
      const res = await request(t.app).post('/api/v1/convert?profile=swift-compat').attach('file', zip, 'spec.zip');
      expect(res.status).to.equal(504);
      expect(res.body.error.code).to.equal('TIMED_OUT');
      expect(t.runner.stats().inFlight).to.equal(0);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
      expect(await t.metrics.registry.metrics()).to.contain('docc2context_conversions_total{result="timeout",engine="builtin"} 1');
    });
  });

  describe('when every worker is busy and the queue is full', () => {
    it('answers 503 OVERLOADED with Retry-After while the first conversion completes', async () => {
      removeBase(t.base);
      t = realApp({}, { concurrency: 1, queueLimit: 0 });
      const zip = fs.readFileSync(path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'));
      // supertest sends on then(): start the first request now and keep it running.
      const first = post(t, zip).then((res) => res);
      while (t.runner.stats().inFlight === 0) await delay(10);
      const second = await request(t.app).post('/api/v1/convert').attach('file', zip, 'spec.zip');
      expect(second.status).to.equal(503);
      expect(second.body.error.code).to.equal('OVERLOADED');
      expect(Number(second.headers['retry-after'])).to.be.greaterThan(0);
      expect((await first).status).to.equal(200);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });
});
