import { expect } from 'chai';
import { WorkQueue, type UnfinishedWork, type WorkQueueMetrics } from '../../../operator/kube/workqueue.ts';
import { controllerRateLimiter } from '../../../operator/kube/rate-limiter.ts';
import { FakeClock, flushPromises } from '../../support/fake-clock.ts';

class RecordingMetrics implements WorkQueueMetrics {
  adds = 0;
  depth = 0;
  retries = 0;
  queued: number[] = [];
  worked: number[] = [];
  unfinished?: () => UnfinishedWork;
  added(): void {
    this.adds++;
    this.depth++;
  }
  taken(queuedMs: number): void {
    this.depth--;
    this.queued.push(queuedMs);
  }
  finished(workMs: number): void {
    this.worked.push(workMs);
  }
  retried(): void {
    this.retries++;
  }
  observeUnfinishedWork(source: () => UnfinishedWork): void {
    this.unfinished = source;
  }
}

async function take<K>(queue: WorkQueue<K>): Promise<K> {
  const next = await queue.get();
  if (next.shutdown) throw new Error('queue shut down');
  return next.item;
}

describe('WorkQueue', () => {
  let clock: FakeClock;
  let queue: WorkQueue<string>;

  beforeEach(() => {
    clock = new FakeClock();
    queue = new WorkQueue<string>({ clock });
  });

  afterEach(() => queue.shutDown());

  describe('when the same key is added several times before a worker takes it', () => {
    it('hands it out once, in first-added order', async () => {
      for (const key of ['a', 'b', 'a', 'c', 'b']) queue.add(key);
      expect(queue.length).to.equal(3);
      expect([await take(queue), await take(queue), await take(queue)]).to.deep.equal(['a', 'b', 'c']);
      expect(queue.length).to.equal(0);
    });
  });

  describe('when a key is added while a worker processes it', () => {
    it('is not handed to a second worker until the first is done, then runs once more', async () => {
      queue.add('a');
      const first = await take(queue);
      queue.add('a');
      queue.add('a');
      expect(queue.length).to.equal(0);
      let second: string | undefined;
      void take(queue).then((key) => (second = key));
      await flushPromises();
      expect(second).to.equal(undefined);
      queue.done(first);
      await flushPromises();
      expect(second).to.equal('a');
      queue.done('a');
      expect(queue.length).to.equal(0);
    });
  });

  describe('when a key is added first', () => {
    it('is handed out before keys added normally, also when it was already waiting', async () => {
      const queue = new WorkQueue<string>();
      for (const key of ['a', 'b', 'c']) queue.add(key);
      queue.addFirst('c');
      queue.addFirst('d');
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        const next = await queue.get();
        if (!next.shutdown) order.push(next.item);
      }
      expect(order).to.deep.equal(['c', 'd', 'a', 'b']);
      expect(queue.length).to.equal(0);
    });

    it('while it is being processed, runs once more after it is done', async () => {
      const queue = new WorkQueue<string>();
      queue.add('a');
      const first = await queue.get();
      queue.addFirst('a');
      expect(queue.length).to.equal(0);
      queue.done(first.shutdown ? '' : first.item);
      expect(queue.length).to.equal(1);
    });
  });

  describe('when a worker waits on an empty queue', () => {
    it('gets the next key as soon as it is added', async () => {
      const next = queue.get();
      queue.add('x');
      expect(await next).to.deep.equal({ shutdown: false, item: 'x' });
    });
  });

  describe('when a key is added with a delay', () => {
    it('becomes pending only once the delay has passed', async () => {
      queue.addAfter('a', 1000);
      await clock.advance(999);
      expect(queue.length).to.equal(0);
      await clock.advance(1);
      expect(queue.length).to.equal(1);
    });

    it('keeps the earlier of two delays for the same key', async () => {
      queue.addAfter('a', 5000);
      queue.addAfter('a', 1000);
      queue.addAfter('a', 3000);
      await clock.advance(1000);
      expect(queue.length).to.equal(1);
      await take(queue).then((key) => queue.done(key));
      await clock.advance(10_000);
      expect(queue.length).to.equal(0);
    });

    it('adds at once when the delay is zero', () => {
      queue.addAfter('a', 0);
      expect(queue.length).to.equal(1);
    });
  });

  describe('when a key is requeued through the rate limiter', () => {
    it('comes back after 5 ms, then 10 ms, then 20 ms, until forgotten', async () => {
      const comesBackAfter = async (): Promise<number> => {
        const start = clock.now();
        queue.addRateLimited('a');
        while (queue.length === 0) await clock.advance(1);
        const key = await take(queue);
        queue.done(key);
        return clock.now() - start;
      };
      expect([await comesBackAfter(), await comesBackAfter(), await comesBackAfter()]).to.deep.equal([5, 10, 20]);
      expect(queue.numRequeues('a')).to.equal(3);
      queue.forget('a');
      expect(queue.numRequeues('a')).to.equal(0);
      expect(await comesBackAfter()).to.equal(5);
    });

    it('spaces keys by the overall bucket once its burst is spent', async () => {
      const limited = new WorkQueue<string>({ clock, rateLimiter: controllerRateLimiter(clock, { qps: 10, burst: 2, baseDelayMs: 1 }) });
      for (const key of ['a', 'b', 'c']) limited.addRateLimited(key);
      await clock.advance(1);
      expect(limited.length).to.equal(2);
      await clock.advance(99);
      expect(limited.length).to.equal(3);
      limited.shutDown();
    });
  });

  describe('when it is shut down', () => {
    it('tells waiting and later workers to stop, and ignores new keys', async () => {
      const waiting = queue.get();
      queue.shutDown();
      expect(await waiting).to.deep.equal({ shutdown: true });
      queue.add('a');
      expect(await queue.get()).to.deep.equal({ shutdown: true });
      expect(queue.isShuttingDown).to.equal(true);
    });

    it('hands out none of the keys still pending and drops delayed ones', async () => {
      queue.add('a');
      queue.addAfter('b', 1000);
      queue.shutDown();
      expect(await queue.get()).to.deep.equal({ shutdown: true });
      expect(clock.pending).to.equal(0);
    });

    it('with drain, resolves only after every in-flight key is done', async () => {
      queue.add('a');
      queue.add('b');
      const [a, b] = [await take(queue), await take(queue)];
      let drained = false;
      const drain = queue.shutDownWithDrain().then(() => (drained = true));
      queue.done(a);
      await flushPromises();
      expect(drained).to.equal(false);
      queue.done(b);
      await drain;
      expect(drained).to.equal(true);
    });

    it('with drain and nothing in flight, resolves at once', async () => {
      await queue.shutDownWithDrain();
      expect(queue.isShuttingDown).to.equal(true);
    });
  });

  describe('metrics', () => {
    it('reports adds, depth, time queued, time worked, retries and unfinished work', async () => {
      const metrics = new RecordingMetrics();
      const observed = new WorkQueue<string>({ clock, metrics });
      observed.add('a');
      observed.add('a');
      observed.add('b');
      expect({ adds: metrics.adds, depth: metrics.depth }).to.deep.equal({ adds: 2, depth: 2 });
      await clock.advance(250);
      const a = await take(observed);
      await clock.advance(1000);
      const b = await take(observed);
      await clock.advance(500);
      expect(metrics.unfinished?.()).to.deep.equal({ unfinishedSeconds: 2, longestRunningSeconds: 1.5 });
      observed.done(a);
      observed.done(b);
      observed.addRateLimited('a');
      expect(metrics.queued).to.deep.equal([250, 1250]);
      expect(metrics.worked).to.deep.equal([1500, 500]);
      expect(metrics.depth).to.equal(0);
      expect(metrics.retries).to.equal(1);
      expect(metrics.unfinished?.()).to.deep.equal({ unfinishedSeconds: 0, longestRunningSeconds: 0 });
      observed.shutDown();
    });
  });
});
