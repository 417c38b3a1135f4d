import { expect } from 'chai';
import { WorkerPool } from '../../../converter/runner/worker-pool.ts';
import { TaskError } from '../../../converter/runner/worker-protocol.ts';
import { expectAppError } from '../../support/app-error.ts';
import type { TestTask } from './fixtures/tasks.worker.ts';

const TASKS = new URL('./fixtures/tasks.worker.ts', import.meta.url);
const LONG = 60_000;

describe('WorkerPool', () => {
  let pool: WorkerPool<TestTask, { value: unknown; threadId?: number }>;
  const makePool = (size: number, queueLimit: number, workerUrl = TASKS) => {
    pool = new WorkerPool({ workerUrl, size, queueLimit });
    return pool;
  };
  afterEach(async () => {
    await pool?.close(0);
  });

  describe('when tasks run', () => {
    it('returns each result and reuses at most `size` threads', async () => {
      makePool(2, 10);
      const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ kind: 'echo', value }, { timeoutMs: LONG })));
      expect(results.map((result) => result.value)).to.deep.equal([1, 2, 3, 4, 5]);
      expect(new Set(results.map((result) => result.threadId)).size).to.be.at.most(2);
      expect(pool.workers).to.be.at.most(2);
      expect(pool.stats()).to.deep.equal({ inFlight: 0, queued: 0, capacity: 2, queueLimit: 10 });
    });
  });

  describe('when every slot is busy and the queue is full', () => {
    it('refuses the next task at once with OVERLOADED and a Retry-After', async () => {
      makePool(1, 1);
      const running = new AbortController();
      const waiting = new AbortController();
      const first = pool.run({ kind: 'spin' }, { timeoutMs: LONG, signal: running.signal });
      const second = pool.run({ kind: 'spin' }, { timeoutMs: LONG, signal: waiting.signal });
      expect(pool.stats()).to.include({ inFlight: 1, queued: 1 });

      const refused = await expectAppError(pool.run({ kind: 'echo', value: 3 }, { timeoutMs: LONG }), 'OVERLOADED');
      expect(refused.status).to.equal(503);
      expect(refused.retryAfterSeconds).to.be.within(1, 60);

      waiting.abort();
      running.abort();
      await Promise.allSettled([first, second]);
      expect(pool.stats()).to.include({ inFlight: 0, queued: 0 });
    });
  });

  describe('when a task runs past its timeout', () => {
    it('fails with TIMED_OUT, replaces the thread and frees the slot for the next task', async () => {
      makePool(1, 0);
      await expectAppError(pool.run({ kind: 'spin' }, { timeoutMs: 200 }), 'TIMED_OUT');
      expect(pool.stats().inFlight).to.equal(0);
      expect(pool.workers).to.equal(0);
      const next = await pool.run({ kind: 'echo', value: 'after' }, { timeoutMs: LONG });
      expect(next.value).to.equal('after');
    });
  });

  describe('when the client aborts', () => {
    it('stops a running task and frees its slot', async () => {
      makePool(1, 0);
      const controller = new AbortController();
      const running = pool.run({ kind: 'spin' }, { timeoutMs: LONG, signal: controller.signal });
      controller.abort(new Error('client went away'));
      let caught: unknown;
      await running.catch((error: unknown) => {
        caught = error;
      });
      expect((caught as Error).message).to.equal('client went away');
      expect(pool.stats().inFlight).to.equal(0);
      expect((await pool.run({ kind: 'echo', value: 1 }, { timeoutMs: LONG })).value).to.equal(1);
    });

    it('removes a queued task from the queue', async () => {
      makePool(1, 1);
      const running = new AbortController();
      const first = pool.run({ kind: 'spin' }, { timeoutMs: LONG, signal: running.signal });
      const controller = new AbortController();
      const queued = pool.run({ kind: 'echo', value: 2 }, { timeoutMs: LONG, signal: controller.signal });
      controller.abort();
      const outcome = await queued.then(
        () => 'resolved',
        (error: Error) => error.name,
      );
      expect(outcome).to.equal('AbortError');
      expect(pool.stats().queued).to.equal(0);
      running.abort();
      await first.catch(() => undefined);
    });

    it('refuses an already aborted signal without taking a slot', async () => {
      makePool(1, 0);
      const outcome = await pool.run({ kind: 'echo', value: 1 }, { timeoutMs: LONG, signal: AbortSignal.abort() }).then(
        () => 'resolved',
        (error: Error) => error.name,
      );
      expect(outcome).to.equal('AbortError');
      expect(pool.workers).to.equal(0);
    });
  });

  describe('when a task throws', () => {
    it('rejects with a TaskError carrying the original name and message, and keeps the thread', async () => {
      makePool(1, 0);
      let caught: unknown;
      await pool.run({ kind: 'fail', name: 'EngineError', message: 'Bad input.' }, { timeoutMs: LONG }).catch((error: unknown) => {
        caught = error;
      });
      expect(caught).to.be.instanceOf(TaskError);
      expect(caught).to.include({ errorName: 'EngineError', message: 'Bad input.' });
      expect(pool.workers).to.equal(1);
    });
  });

  describe('when a worker thread dies', () => {
    it('fails the task as INTERNAL and serves the next one with a new thread', async () => {
      makePool(1, 0);
      await expectAppError(pool.run({ kind: 'exit' }, { timeoutMs: LONG }), 'INTERNAL');
      expect((await pool.run({ kind: 'echo', value: 'again' }, { timeoutMs: LONG })).value).to.equal('again');
    });

    it('fails with CONVERSION_FAILED naming the heap cap when a task exceeds it, counts the restart and carries on', async () => {
      const losses: string[] = [];
      pool = new WorkerPool({ workerUrl: TASKS, size: 1, queueLimit: 0, maxHeapMb: 32, onWorkerLost: (reason) => losses.push(reason) });
      const failed = await expectAppError(pool.run({ kind: 'hog' }, { timeoutMs: LONG }), 'CONVERSION_FAILED');
      expect(failed.message).to.contain('32 MiB').and.contain('WORKER_MAX_HEAP_MB');
      expect(losses).to.deep.equal(['out_of_memory']);
      expect((await pool.run({ kind: 'echo', value: 'alive' }, { timeoutMs: LONG })).value).to.equal('alive');
    });

    it('leaves the other tasks running in their threads undisturbed while one runs out of memory', async () => {
      pool = new WorkerPool({ workerUrl: TASKS, size: 2, queueLimit: 0, maxHeapMb: 32 });
      const neighbour = pool.run({ kind: 'delay', ms: 300, value: 'undisturbed' }, { timeoutMs: LONG });
      const hog = pool.run({ kind: 'hog' }, { timeoutMs: LONG });
      await expectAppError(hog, 'CONVERSION_FAILED');
      expect((await neighbour).value).to.equal('undisturbed');
    });

    it('counts a timed-out task as a restart for timeout', async () => {
      const losses: string[] = [];
      pool = new WorkerPool({ workerUrl: TASKS, size: 1, queueLimit: 0, onWorkerLost: (reason) => losses.push(reason) });
      await expectAppError(pool.run({ kind: 'spin' }, { timeoutMs: 100 }), 'TIMED_OUT');
      expect(losses).to.deep.equal(['timeout']);
    });

    it('fails as INTERNAL when the worker module cannot load, without respawning in a loop', async () => {
      makePool(1, 0, new URL('./fixtures/broken.worker.ts', import.meta.url));
      await expectAppError(pool.run({ kind: 'echo', value: 1 }, { timeoutMs: LONG }), 'INTERNAL');
      expect(pool.workers).to.equal(0);
    });
  });

  describe('when the pool closes', () => {
    it('lets in-flight tasks finish within the grace period and refuses new ones', async () => {
      makePool(1, 1);
      const inFlight = pool.run({ kind: 'delay', ms: 50, value: 'done' }, { timeoutMs: LONG });
      const queued = pool.run({ kind: 'echo', value: 'queued' }, { timeoutMs: LONG });
      await pool.close(LONG);
      expect((await inFlight).value).to.equal('done');
      expect((await queued).value).to.equal('queued');
      await expectAppError(pool.run({ kind: 'echo', value: 1 }, { timeoutMs: LONG }), 'NOT_READY');
    });

    it('terminates work still running after the grace period', async () => {
      makePool(1, 0);
      const stuck = expectAppError(pool.run({ kind: 'spin' }, { timeoutMs: LONG }), 'NOT_READY');
      await pool.close(100);
      await stuck;
      expect(pool.workers).to.equal(0);
    });
  });
});
