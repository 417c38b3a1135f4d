// One behavioural suite for every Store implementation: memory-store.test.ts runs it in
// process, redis-store.integration.test.ts against a real Redis.
import { expect } from 'chai';
import type { CachedResult, Store } from '../../../converter/store/types.ts';
import { delay } from '../../../common/delay.ts';

export interface SuiteStoreOptions {
  /** Read by the rate limiter; the tests move it by hand. */
  now: () => number;
  cacheTtlSeconds: number;
  cacheMaxResultBytes: number;
}

export type StoreFactory = (options: SuiteStoreOptions) => Promise<Store>;

export function aCachedResult(zip = Buffer.from('PK\u0003\u0004 fake zip bytes')): CachedResult {
  return {
    zip,
    result: {
      engine: 'builtin',
      files: 3,
      bytes: zip.length,
      sha256: 'ab'.repeat(32),
      counts: { volumes: 0, chapters: 0, articles: 1, symbols: 2, tutorials: 0 },
      warnings: ['one warning'],
      durationMs: 12,
    },
  };
}

export function describeStoreBehaviour(name: string, factory: StoreFactory): void {
  describe(`${name} (shared store behaviour)`, () => {
    let store: Store;
    let clock: number;
    const open = async (overrides: Partial<SuiteStoreOptions> = {}): Promise<Store> => {
      store = await factory({ now: () => clock, cacheTtlSeconds: 60, cacheMaxResultBytes: 1024 * 1024, ...overrides });
      return store;
    };

    // Memory expiry reads the injected clock, Redis expiry the server's: move both.
    const pass = async (ms: number): Promise<void> => {
      clock += ms;
      await delay(ms);
    };

    beforeEach(async () => {
      clock = 1_800_000_000_000;
      await open();
    });
    afterEach(async () => store.close());

    describe('result cache', () => {
      it('misses on a key never stored', async () => {
        expect(await store.cache.get('never-stored')).to.equal(undefined);
      });

      it('returns the exact bytes and summary that were stored', async () => {
        const zip = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
        expect(await store.cache.set('k1', aCachedResult(zip))).to.equal(true);
        const hit = await store.cache.get('k1');
        expect(hit?.zip.equals(zip)).to.equal(true);
        expect(hit?.result).to.deep.equal(aCachedResult(zip).result);
      });

      it('does not store a result larger than the size cap', async () => {
        await store.close();
        await open({ cacheMaxResultBytes: 10 });
        expect(await store.cache.set('big', aCachedResult(Buffer.alloc(11)))).to.equal(false);
        expect(await store.cache.get('big')).to.equal(undefined);
      });

      it('forgets a result once its TTL has passed', async () => {
        await store.close();
        await open({ cacheTtlSeconds: 1 });
        await store.cache.set('short', aCachedResult());
        expect(await store.cache.get('short')).to.not.equal(undefined);
        await pass(1100);
        expect(await store.cache.get('short')).to.equal(undefined);
      });
    });

    describe('rate limiter', () => {
      const rule = { limit: 3, windowMs: 60_000 };

      it('allows the limit, counting remaining down, then refuses with a retry delay', async () => {
        const decisions = [];
        for (let i = 0; i < 4; i += 1) decisions.push(await store.rateLimiter.consume('client-a', rule));
        expect(decisions.map((d) => d.allowed)).to.deep.equal([true, true, true, false]);
        expect(decisions.map((d) => d.remaining)).to.deep.equal([2, 1, 0, 0]);
        expect(decisions[3]!.retryAfterSeconds).to.equal(20);
        expect(decisions[3]!.resetSeconds).to.equal(60);
        expect(decisions[0]!.limit).to.equal(3);
      });

      it('counts each client separately', async () => {
        for (let i = 0; i < 3; i += 1) await store.rateLimiter.consume('client-a', rule);
        expect((await store.rateLimiter.consume('client-b', rule)).allowed).to.equal(true);
        expect((await store.rateLimiter.consume('client-a', rule)).allowed).to.equal(false);
      });

      it('lets a request through again once its share of the window has passed', async () => {
        for (let i = 0; i < 3; i += 1) await store.rateLimiter.consume('client-a', rule);
        clock += 20_000;
        const again = await store.rateLimiter.consume('client-a', rule);
        expect(again.allowed).to.equal(true);
        expect(again.remaining).to.equal(0);
        expect((await store.rateLimiter.consume('client-a', rule)).allowed).to.equal(false);
      });

      it('does not charge refused requests', async () => {
        for (let i = 0; i < 10; i += 1) await store.rateLimiter.consume('client-a', rule);
        clock += 20_000;
        expect((await store.rateLimiter.consume('client-a', rule)).allowed).to.equal(true);
      });
    });

    describe('retained results', () => {
      it('serves a stored zip by job id until deleted', async () => {
        await store.results.put('ns/job/1', Buffer.from('zip-1'), 60_000);
        expect((await store.results.get('ns/job/1'))?.toString()).to.equal('zip-1');
        expect(await store.results.delete('ns/job/1')).to.equal(true);
        expect(await store.results.get('ns/job/1')).to.equal(undefined);
        expect(await store.results.delete('ns/job/1')).to.equal(false);
      });

      it('expires a result after its TTL', async () => {
        await store.results.put('job-ttl', Buffer.from('zip'), 50);
        await pass(120);
        expect(await store.results.get('job-ttl')).to.equal(undefined);
      });
    });

    describe('job records', () => {
      it('stores and returns a record by job id, and deletes it', async () => {
        const record = { requestHash: 'h1', status: { id: 'job-1', state: 'running' as const, startedAt: '2026-01-01T00:00:00.000Z' } };
        await store.jobs.put(record, 60_000);
        expect(await store.jobs.get('job-1')).to.deep.equal(record);
        expect(await store.jobs.delete('job-1')).to.equal(true);
        expect(await store.jobs.get('job-1')).to.equal(undefined);
      });
    });

    describe('locks', () => {
      it('grants a lock to one holder at a time', async () => {
        const first = await store.locks.tryAcquire('conv-1', 60_000);
        expect(first).to.not.equal(undefined);
        expect(await store.locks.tryAcquire('conv-1', 60_000)).to.equal(undefined);
        expect(await store.locks.release(first!)).to.equal(true);
        expect(await store.locks.tryAcquire('conv-1', 60_000)).to.not.equal(undefined);
      });

      it('lets only the holder extend a lock', async () => {
        const held = await store.locks.tryAcquire('conv-3', 100);
        expect(await store.locks.extend(held!, 60_000)).to.equal(true);
        await pass(150);
        expect(await store.locks.tryAcquire('conv-3', 60_000)).to.equal(undefined);
        expect(await store.locks.extend({ name: 'conv-3', token: 'not-ours' }, 60_000)).to.equal(false);
      });

      it('never releases a lock that expired and was taken by someone else', async () => {
        const stale = await store.locks.tryAcquire('conv-2', 50);
        await pass(120);
        const current = await store.locks.tryAcquire('conv-2', 60_000);
        expect(current).to.not.equal(undefined);
        expect(await store.locks.release(stale!)).to.equal(false);
        expect(await store.locks.tryAcquire('conv-2', 60_000)).to.equal(undefined);
      });
    });

    it('reports itself up', () => {
      expect(store.health()).to.equal('up');
    });
  });
}
