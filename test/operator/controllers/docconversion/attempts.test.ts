import { expect } from 'chai';
import type { ConversionJobRequest, ConversionJobStatus } from '../../../../common/contract/conversion-job.ts';
import { createLogger, silentLogger } from '../../../../common/logger.ts';
import { AttemptTracker } from '../../../../operator/controllers/docconversion/attempts.ts';
import { DispatchError } from '../../../../operator/dispatch/errors.ts';
import { systemClock } from '../../../../operator/clock.ts';
import { conversion } from './builders.ts';
import { LOG } from '../../../../common/log-fields.ts';
import { LogCapture } from '../../../support/log-capture.ts';

/** A job API that answers each POST when the test releases it. */
class ManualPool {
  readonly pending: { request: ConversionJobRequest; answer: (status: ConversionJobStatus | Error) => void }[] = [];
  deleted: string[] = [];

  submit(request: ConversionJobRequest): Promise<ConversionJobStatus> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, answer: (status) => (status instanceof Error ? reject(status) : resolve(status)) });
    });
  }
  async get(): Promise<undefined> {
    return undefined;
  }
  async delete(id: string): Promise<boolean> {
    this.deleted.push(id);
    return true;
  }
  async downloadResult(): Promise<Buffer> {
    return Buffer.alloc(0);
  }
}

function tracker(pool: ManualPool, enqueued: string[], maxConcurrent = 1): AttemptTracker {
  return new AttemptTracker(
    {
      client: pool,
      readSource: async () => 'UEsDBA==',
      writeOutput: async () => undefined,
      enqueue: (key) => enqueued.push(key),
      clock: { ...systemClock, now: () => Date.parse('2026-01-01T00:00:00Z') },
      logger: silentLogger(),
    },
    { maxConcurrent, pollIntervalMs: 1 },
  );
}

const succeeded = (id: string): ConversionJobStatus => ({ id, state: 'succeeded', files: 2, bytes: 5, sha256: 'ab', startedAt: '' });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AttemptTracker', () => {
  describe('when every slot is taken', () => {
    it('refuses the next key and enqueues it once a slot frees', async () => {
      const pool = new ManualPool();
      const enqueued: string[] = [];
      const attempts = tracker(pool, enqueued);
      expect(attempts.canDispatch('a')).to.equal(true);
      const settled = attempts.start('a', conversion(), 'job-a');
      expect(attempts.canDispatch('b')).to.equal(false);
      await tick();
      pool.pending[0].answer(succeeded('job-a'));
      await settled;
      expect(enqueued).to.deep.equal(['a', 'b']);
      expect(attempts.running).to.equal(0);
    });
  });

  describe('when an attempt succeeds', () => {
    it('reports the result for that job id only', async () => {
      const pool = new ManualPool();
      const attempts = tracker(pool, []);
      const settled = attempts.start('a', conversion(), 'job-a');
      expect(attempts.view('a', 'job-a').state).to.equal('running');
      await tick();
      pool.pending[0].answer(succeeded('job-a'));
      await settled;
      const view = attempts.view('a', 'job-a');
      expect(view.state === 'succeeded' && view.result).to.deep.include({ files: 2, sha256: 'ab' });
      expect(attempts.view('a', 'job-b').state).to.equal('none');
    });
  });

  describe('when the pool refuses the job permanently', () => {
    it('reports a permanent failure with the code', async () => {
      const pool = new ManualPool();
      const attempts = tracker(pool, []);
      const settled = attempts.start('a', conversion(), 'job-a');
      await tick();
      pool.pending[0].answer(new DispatchError('NOT_DOCC_ARCHIVE', 'not docc'));
      await settled;
      const view = attempts.view('a', 'job-a');
      expect(view.state === 'failed' && view.failure).to.include({ code: 'NOT_DOCC_ARCHIVE', permanent: true, deadlineExceeded: false });
    });
  });

  describe('when the key is forgotten while its attempt runs', () => {
    it('ignores the outcome and does not enqueue the key', async () => {
      const pool = new ManualPool();
      const enqueued: string[] = [];
      const attempts = tracker(pool, enqueued);
      const settled = attempts.start('a', conversion(), 'job-a');
      attempts.forget('a');
      await tick();
      pool.pending[0].answer(succeeded('job-a'));
      await settled;
      expect(enqueued).to.deep.equal([]);
      expect(attempts.view('a', 'job-a').state).to.equal('none');
    });
  });

  describe('when the source is a ConfigMap', () => {
    it('sends the bytes it read inline', async () => {
      const pool = new ManualPool();
      const attempts = tracker(pool, []);
      const settled = attempts.start('a', conversion({ spec: { source: { configMap: { name: 'c', key: 'k' } } } }), 'job-a');
      await tick();
      expect(pool.pending[0].request.source).to.deep.equal({ inline: 'UEsDBA==' });
      pool.pending[0].answer(succeeded('job-a'));
      await settled;
    });
  });

  describe('when an attempt running in the background fails unexpectedly', () => {
    it('logs it with the namespace, name and reconcile id of the reconcile that dispatched it', async () => {
      const stream = new LogCapture();
      const lines = stream.lines;
      const reconcileLogger = createLogger({ serviceName: 'test', level: 'debug', stream }).child({
        [LOG.orchestratorNamespace]: 'docs',
        [LOG.orchestratorResourceName]: 'kit',
        [LOG.reconcileId]: 'r-1',
      });
      const pool = new ManualPool();
      const attempts = tracker(pool, []);
      const settled = attempts.start('docs/kit', conversion(), 'job-a', reconcileLogger);
      await tick();
      pool.pending[0].answer(new Error('socket hang up'));
      await settled;
      await tick();
      const failure = lines.find((line) => line.message === 'Failed attempt with an unexpected error');
      expect(failure).to.deep.include({
        orchestrator: { namespace: 'docs', resource: { name: 'kit' } },
        docc2context: { reconcile: { id: 'r-1' }, job: { id: 'job-a' } },
      });
      const settledLine = lines.find((line) => line.message === 'Settled attempt');
      expect(settledLine).to.deep.include({ orchestrator: { namespace: 'docs', resource: { name: 'kit' } } });
      expect(settledLine?.docc2context).to.deep.include({ job: { id: 'job-a', state: 'failed' } });
      expect(settledLine?.error).to.deep.equal({ code: 'INTERNAL' });
    });
  });
});
