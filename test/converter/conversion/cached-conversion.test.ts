import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../common/logger.ts';
import { convertCached, openResultZip, resultBytes } from '../../../converter/conversion/cached-conversion.ts';
import type { CachedConversionDeps, CachedConversionRequest } from '../../../converter/conversion/cached-conversion.ts';
import { createMemoryStore } from '../../../converter/store/index.ts';
import type { Store } from '../../../converter/store/types.ts';
import { testStoreConfig } from '../store/store-config.ts';
import { delay } from '../../../common/delay.ts';

describe('convertCached', () => {
  let store: Store;
  let dir: string;
  let conversions: number;
  let lookups: string[];
  let deps: CachedConversionDeps;

  const requestFor = (archiveSha256: string, release?: Promise<void>): CachedConversionRequest => ({
    archiveSha256,
    engine: 'builtin',
    options: { profile: 'rich' },
    convert: async () => {
      conversions += 1;
      await release;
      const outputZip = path.join(dir, `out-${conversions}.zip`);
      await writeFile(outputZip, `zip of ${archiveSha256}`);
      const counts = { volumes: 0, chapters: 0, articles: 0, symbols: 1, tutorials: 0 };
      return {
        outputZip,
        archiveName: 'Demo.doccarchive',
        result: { engine: 'builtin', counts, files: 1, bytes: 0, warnings: [], durationMs: 5 },
      };
    },
  });

  beforeEach(async () => {
    store = createMemoryStore({ config: testStoreConfig(), logger: silentLogger() });
    dir = await mkdtemp(path.join(os.tmpdir(), 'cached-conversion-'));
    conversions = 0;
    lookups = [];
    deps = {
      store,
      cacheEnabled: true,
      cacheMaxBytes: 1024,
      lockTtlMs: 10_000,
      waitTimeoutMs: 5_000,
      pollMs: 5,
      now: Date.now,
      sleep: delay,
      onLookup: (result) => lookups.push(result),
    };
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('when the same archive arrives twice in a row', () => {
    it('converts once and replays identical bytes marked as a hit', async () => {
      const first = await convertCached(deps, requestFor('a'.repeat(64)));
      const second = await convertCached(deps, requestFor('a'.repeat(64)));
      expect(first.cacheHit).to.equal(false);
      expect(second.cacheHit).to.equal(true);
      expect(second.zip?.equals(first.zip ?? Buffer.alloc(0))).to.equal(true);
      expect(second.result).to.deep.equal(first.result);
      expect(conversions).to.equal(1);
      expect(lookups).to.deep.equal(['miss', 'hit']);
    });
  });

  describe('when identical conversions arrive at once', () => {
    it('converts once; the others wait for its result', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const all = Promise.all([1, 2, 3].map(() => convertCached(deps, requestFor('b'.repeat(64), gate))));
      await delay(30);
      release();
      const outcomes = await all;
      expect(conversions).to.equal(1);
      expect(outcomes.filter((o) => o.cacheHit)).to.have.length(2);
    });
  });

  describe('when the holder runs past the wait timeout', () => {
    it('fails the waiter with TIMED_OUT instead of hanging', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const holder = convertCached(deps, requestFor('c'.repeat(64), gate));
      await delay(10);
      const waiter = await convertCached({ ...deps, waitTimeoutMs: 30 }, requestFor('c'.repeat(64))).catch(
        (error: { code?: string }) => error.code,
      );
      expect(waiter).to.equal('TIMED_OUT');
      release();
      await holder;
    });
  });

  describe('when the cache is disabled', () => {
    it('converts every time, never looks up, and leaves the result on disk', async () => {
      const off = { ...deps, cacheEnabled: false };
      await convertCached(off, requestFor('d'.repeat(64)));
      const outcome = await convertCached(off, requestFor('d'.repeat(64)));
      expect(conversions).to.equal(2);
      expect(lookups).to.deep.equal([]);
      expect(outcome.zip).to.equal(undefined);
      expect(await readFile(outcome.zipPath ?? '', 'utf8')).to.equal(`zip of ${'d'.repeat(64)}`);
    });
  });

  describe('when the result is larger than the cache holds', () => {
    it('leaves it on disk (never read into memory), does not cache it, and still gives its size and sha256', async () => {
      const small = { ...deps, cacheMaxBytes: 10 };
      const first = await convertCached(small, requestFor('e'.repeat(64)));
      const content = `zip of ${'e'.repeat(64)}`;
      expect(first.zip).to.equal(undefined);
      expect(first.result).to.include({ bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
      const second = await convertCached(small, requestFor('e'.repeat(64)));
      expect(second.cacheHit).to.equal(false);
      expect(conversions).to.equal(2);
    });
  });

  describe('when a result is sent', () => {
    const chunksOf = async (stream: AsyncIterable<unknown>): Promise<Buffer[]> => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return chunks;
    };

    it('streams a fresh result from its file, even when its bytes were read to be cached', async () => {
      const fresh = await convertCached(deps, requestFor('f'.repeat(64)));
      expect(fresh.cacheHit).to.equal(false);
      expect(fresh.zip).to.be.instanceOf(Buffer);
      await writeFile(fresh.zipPath ?? '', 'the file, not the buffer');
      expect(Buffer.concat(await chunksOf(openResultZip(fresh))).toString()).to.equal('the file, not the buffer');
    });

    it('streams a cache hit in bounded chunks of the stored bytes, like a file', async () => {
      const stored = Buffer.alloc(200 * 1024, 7);
      const chunks = await chunksOf(openResultZip({ zip: stored }));
      expect(chunks.length).to.be.greaterThan(1);
      expect(Math.max(...chunks.map((chunk) => chunk.length))).to.be.at.most(64 * 1024);
      expect(Buffer.concat(chunks).equals(stored)).to.equal(true);
    });

    it('hands the job API the bytes from memory when it has them, else from disk', async () => {
      const file = path.join(dir, 'result.zip');
      await writeFile(file, 'on disk');
      expect((await resultBytes({ zipPath: file })).toString()).to.equal('on disk');
      expect((await resultBytes({ zipPath: file, zip: Buffer.from('in memory') })).toString()).to.equal('in memory');
      expect((await resultBytes({ zip: Buffer.from('cached') })).toString()).to.equal('cached');
    });
  });
});
