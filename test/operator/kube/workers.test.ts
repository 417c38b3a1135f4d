import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../../common/logger.ts';
import { WorkQueue } from '../../../operator/kube/workqueue.ts';
import { runWorkers, type ControllerMetrics, type Reconcile, type ReconcileOutcome } from '../../../operator/kube/workers.ts';
import { FakeClock, flushPromises } from '../../support/fake-clock.ts';

class RecordingControllerMetrics implements ControllerMetrics {
  maxConcurrent = 0;
  active = 0;
  peakActive = 0;
  outcomes: ReconcileOutcome[] = [];
  errors = 0;
  setMaxConcurrentReconciles(workers: number): void {
    this.maxConcurrent = workers;
  }
  activeWorkersChanged(delta: 1 | -1): void {
    this.active += delta;
    this.peakActive = Math.max(this.peakActive, this.active);
  }
  reconciled(outcome: ReconcileOutcome): void {
    this.outcomes.push(outcome);
  }
  reconcileError(): void {
    this.errors += 1;
  }
}

/** A reconcile whose calls wait until the test releases them. */
class GatedReconcile {
  calls: string[] = [];
  inFlight = new Map<string, number>();
  private gates: (() => void)[] = [];
  readonly fn: Reconcile<string> = async (key) => {
    this.calls.push(key);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.inFlight.set(key, this.inFlight.get(key)! - 1);
  };
  get waiting(): number {
    return this.gates.length;
  }
  async releaseAll(): Promise<void> {
    this.gates.splice(0).forEach((release) => release());
    await flushPromises();
  }
}

describe('runWorkers', () => {
  let clock: FakeClock;
  let queue: WorkQueue<string>;
  let metrics: RecordingControllerMetrics;
  let logs: string[];
  let running: Promise<void> | undefined;

  const start = (reconcile: Reconcile<string>, workers: number): void => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    const logger = createLogger({ serviceName: 'test', level: 'debug', stream });
    running = runWorkers({ queue, reconcile, logger, metrics, clock }, workers);
  };

  beforeEach(() => {
    clock = new FakeClock();
    queue = new WorkQueue<string>({ clock });
    metrics = new RecordingControllerMetrics();
    logs = [];
    running = undefined;
  });

  afterEach(async () => {
    queue.shutDown();
    await running;
  });

  describe('when more keys are pending than there are workers', () => {
    it('reconciles at most N keys at once and all of them eventually', async () => {
      const gated = new GatedReconcile();
      start(gated.fn, 3);
      for (const key of ['a', 'b', 'c', 'd', 'e']) queue.add(key);
      await flushPromises();
      expect(gated.waiting).to.equal(3);
      await gated.releaseAll();
      expect(gated.waiting).to.equal(2);
      await gated.releaseAll();
      expect(gated.calls.sort()).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
      expect(metrics.maxConcurrent).to.equal(3);
      expect(metrics.peakActive).to.equal(3);
      expect(metrics.active).to.equal(0);
    });
  });

  describe('when a key is added again while it is being reconciled', () => {
    it('never reconciles it twice at once, and once more afterwards', async () => {
      const gated = new GatedReconcile();
      start(gated.fn, 4);
      queue.add('a');
      await flushPromises();
      queue.add('a');
      queue.add('a');
      await flushPromises();
      expect(gated.inFlight.get('a')).to.equal(1);
      await gated.releaseAll();
      expect(gated.inFlight.get('a')).to.equal(1);
      await gated.releaseAll();
      expect(gated.calls).to.deep.equal(['a', 'a']);
    });
  });

  describe('when a reconcile fails', () => {
    it('logs the error once and retries the key with backoff until it succeeds', async () => {
      let attempts = 0;
      start(async () => {
        attempts++;
        if (attempts < 3) throw new Error('converter unavailable');
      }, 1);
      queue.add('ns/a');
      await flushPromises();
      expect(attempts).to.equal(1);
      await clock.advance(4);
      expect(attempts).to.equal(1);
      await clock.advance(1);
      expect(attempts).to.equal(2);
      await clock.advance(10);
      expect(attempts).to.equal(3);
      expect(metrics.outcomes).to.deep.equal(['error', 'error', 'success']);
      expect(metrics.errors).to.equal(2);
      expect(queue.numRequeues('ns/a')).to.equal(0);
      const errorLines = logs.map((line) => JSON.parse(line)).filter((line) => line.log?.level === 'error');
      expect(errorLines).to.have.length(2);
      expect(errorLines[0]).to.deep.include({ message: 'Failed to reconcile', docc2context: { reconcile: { key: 'ns/a' } } });
    });
  });

  describe('when a reconcile asks to be requeued', () => {
    it('adds the key again after requeueAfterMs', async () => {
      let attempts = 0;
      start(async () => (++attempts === 1 ? { requeueAfterMs: 30_000 } : undefined), 1);
      queue.add('a');
      await clock.advance(29_999);
      expect(attempts).to.equal(1);
      await clock.advance(1);
      expect(attempts).to.equal(2);
      expect(metrics.outcomes).to.deep.equal(['requeue_after', 'success']);
    });

    it('adds the key again through the rate limiter for requeue: true', async () => {
      let attempts = 0;
      start(async () => (++attempts < 3 ? { requeue: true } : undefined), 1);
      queue.add('a');
      await clock.advance(15);
      expect(attempts).to.equal(3);
      expect(metrics.outcomes).to.deep.equal(['requeue', 'requeue', 'success']);
    });
  });

  describe('when the queue shuts down', () => {
    it('lets in-flight reconciles finish, then every worker returns', async () => {
      const gated = new GatedReconcile();
      start(gated.fn, 2);
      queue.add('a');
      await flushPromises();
      const drained = queue.shutDownWithDrain();
      await gated.releaseAll();
      await drained;
      await running;
      expect(gated.calls).to.deep.equal(['a']);
      expect(metrics.active).to.equal(0);
    });
  });
});
