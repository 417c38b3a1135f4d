import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { expect } from 'chai';
import request from 'supertest';
import type { CachedConversionDeps } from '../../../converter/conversion/cached-conversion.ts';
import { createConvertCache } from '../../../converter/conversion/convert-cache.ts';
import type { ConvertCache, ConvertCacheRequest } from '../../../converter/conversion/convert-cache.ts';
import { UploadGuard } from '../../../converter/server/upload.ts';
import { binary, buildTestApp, removeBase, zipOf, type TestApp } from './support.ts';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The real cache with caching off (so it always converts), remembering what each request said about the upload. */
function recordingCache(): ConvertCache & { requests: ConvertCacheRequest[] } {
  const real = createConvertCache({ cacheEnabled: false } as CachedConversionDeps);
  const requests: ConvertCacheRequest[] = [];
  return {
    requests,
    convert: (cacheRequest) => {
      requests.push(cacheRequest);
      return real.convert(cacheRequest);
    },
  };
}

describe('receiving an upload', () => {
  describe('when bytes pass the guard', () => {
    it('hashes them as they stream, in any chunking', async () => {
      const bytes = await zipOf({ 'Demo.doccarchive/metadata.json': '{}' });
      const guard = new UploadGuard(1024 * 1024);
      const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 40), bytes.subarray(40)];
      await pipeline(Readable.from(chunks), guard, async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) void chunk;
      });
      expect(guard.digest()).to.equal(sha256(bytes));
      expect(guard.bytes).to.equal(bytes.length);
    });
  });

  describe('when POST /api/v1/convert goes through the result cache', () => {
    let t: TestApp;
    let cache: ReturnType<typeof recordingCache>;
    let upload: Buffer;
    before(async () => {
      upload = await zipOf({ 'Fake.doccarchive/metadata.json': '{}' });
    });
    beforeEach(() => {
      cache = recordingCache();
      t = buildTestApp({ deps: { cache } });
    });
    afterEach(() => removeBase(t.base));

    it('hands the cache the hash taken while a multipart upload streamed in', async () => {
      const res = await request(t.app).post('/api/v1/convert').attach('file', upload, 'demo.zip').buffer(true).parse(binary);
      expect(res.status, String(res.body)).to.equal(200);
      expect(cache.requests.map((r) => r.archiveSha256)).to.deep.equal([sha256(upload)]);
    });

    it('hands the cache the hash of a raw application/zip body', async () => {
      const res = await request(t.app)
        .post('/api/v1/convert')
        .set('Content-Type', 'application/zip')
        .send(upload)
        .buffer(true)
        .parse(binary);
      expect(res.status, String(res.body)).to.equal(200);
      expect(cache.requests.map((r) => r.archiveSha256)).to.deep.equal([sha256(upload)]);
    });
  });
});
