// AttemptTracker and contract §7: a job whose pod went away is dispatched again under the same
// id without the attempt failing, and the dispatch capacity can change under running attempts.
import { expect } from 'chai';
import type { ConversionJobRequest, ConversionJobStatus } from '../../../../common/contract/conversion-job.ts';
import { silentLogger } from '../../../../common/logger.ts';
import { AttemptTracker } from '../../../../operator/controllers/docconversion/attempts.ts';
import { DispatchError, errorFromNetwork, errorFromResponse } from '../../../../operator/dispatch/errors.ts';
import { MAX_INTERRUPTIONS, isInterruption } from '../../../../operator/dispatch/interruption.ts';
import { systemClock } from '../../../../operator/clock.ts';
import { conversion } from './builders.ts';

type Answer = ConversionJobStatus | undefined | Error;

/** A job API scripted call by call: each POST or GET takes the next answer. */
class ScriptedPool {
  readonly calls: string[] = [];
  private readonly answers: Answer[];

  constructor(answers: Answer[]) {
    this.answers = answers;
  }

  private next(call: string): Promise<ConversionJobStatus | undefined> {
    this.calls.push(call);
    const answer = this.answers.length > 0 ? this.answers.shift() : new DispatchError('NOT_READY', 'pool gone', { noAnswer: true });
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  async submit(request: ConversionJobRequest): Promise<ConversionJobStatus> {
    const answer = await this.next(`POST ${request.id}`);
    if (!answer) throw new Error('a POST always answers');
    return answer;
  }
  get(id: string): Promise<ConversionJobStatus | undefined> {
    return this.next(`GET ${id}`);
  }
  async delete(): Promise<boolean> {
    return true;
  }
  async downloadResult(): Promise<Buffer> {
    return Buffer.alloc(0);
  }
}

function tracker(pool: ScriptedPool, enqueued: string[] = [], maxConcurrent = 1): AttemptTracker {
  return new AttemptTracker(
    {
      client: pool,
      readSource: async () => '',
      writeOutput: async () => undefined,
      enqueue: (key) => enqueued.push(key),
      clock: systemClock,
      logger: silentLogger(),
    },
    { maxConcurrent, pollIntervalMs: 1 },
  );
}

const running = (id: string): ConversionJobStatus => ({ id, state: 'running', startedAt: '' });
const succeeded = (id: string): ConversionJobStatus => ({ id, state: 'succeeded', files: 1, bytes: 1, sha256: 'ab', startedAt: '' });
const reset = (): DispatchError => errorFromNetwork(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), false);
const draining = (): DispatchError => errorFromResponse(503, { error: { code: 'NOT_READY', message: 'draining' } }, '1');

describe('isInterruption', () => {
  it('counts no answer, 503 NOT_READY as interruptions, and nothing else', () => {
    expect(isInterruption(reset())).to.equal(true);
    expect(isInterruption(errorFromNetwork(new Error('timeout'), true))).to.equal(true);
    expect(isInterruption(draining())).to.equal(true);
    expect(isInterruption(errorFromResponse(503, { error: { code: 'OVERLOADED', message: 'busy' } }, '1'))).to.equal(false);
    expect(isInterruption(errorFromResponse(422, { error: { code: 'NOT_DOCC_ARCHIVE', message: 'no' } }, null))).to.equal(false);
    expect(isInterruption(new DispatchError('INTERNAL', 'bug'))).to.equal(false);
  });
});

describe('AttemptTracker: interrupted jobs (contract §7)', () => {
  for (const [what, interruption] of [
    ['the pool forgets the job (404)', undefined],
    ['the pod is draining (503 NOT_READY)', draining()],
    ['the connection is reset', reset()],
  ] as const) {
    describe(`when ${what} while it runs`, () => {
      it('dispatches the same id again and succeeds in the same attempt', async () => {
        const pool = new ScriptedPool([running('job-a'), interruption, running('job-a'), succeeded('job-a')]);
        const attempts = tracker(pool);
        await attempts.start('a', conversion(), 'job-a');
        expect(attempts.view('a', 'job-a').state).to.equal('succeeded');
        expect(pool.calls).to.deep.equal(['POST job-a', 'GET job-a', 'POST job-a', 'GET job-a']);
      });
    });
  }

  describe('when the POST itself finds no pod', () => {
    it('posts the same id again', async () => {
      const pool = new ScriptedPool([reset(), succeeded('job-a')]);
      const attempts = tracker(pool);
      await attempts.start('a', conversion(), 'job-a');
      expect(attempts.view('a', 'job-a').state).to.equal('succeeded');
      expect(pool.calls).to.deep.equal(['POST job-a', 'POST job-a']);
    });
  });

  describe(`when the job is interrupted more than ${MAX_INTERRUPTIONS} times`, () => {
    it('fails the attempt as a transient failure', async () => {
      const pool = new ScriptedPool([]);
      const attempts = tracker(pool);
      await attempts.start('a', conversion(), 'job-a');
      const view = attempts.view('a', 'job-a');
      expect(view.state === 'failed' && view.failure).to.include({ code: 'NOT_READY', permanent: false });
      expect(pool.calls).to.have.length(MAX_INTERRUPTIONS + 1);
    });
  });
});

describe('AttemptTracker: dispatch capacity', () => {
  describe('when the capacity is 0', () => {
    it('refuses every key and wakes them as the capacity grows', () => {
      const enqueued: string[] = [];
      const attempts = tracker(new ScriptedPool([]), enqueued, 0);
      expect(attempts.canDispatch('a')).to.equal(false);
      expect(attempts.canDispatch('b')).to.equal(false);
      expect(attempts.canDispatch('c')).to.equal(false);
      expect(attempts.waitingCount).to.equal(3);
      attempts.setCapacity(2);
      expect(enqueued).to.deep.equal(['a', 'b']);
      expect(attempts.waitingCount).to.equal(1);
    });
  });

  describe('when the capacity shrinks below the running attempts', () => {
    it('lets them finish and starts nothing new until running < capacity', async () => {
      const pool = new ScriptedPool([running('job-a'), running('job-b')]);
      const attempts = tracker(pool, [], 2);
      const a = attempts.start('a', conversion(), 'job-a');
      const b = attempts.start('b', conversion(), 'job-b');
      attempts.setCapacity(1);
      expect(attempts.running).to.equal(2);
      expect(attempts.canDispatch('c')).to.equal(false);
      attempts.forget('a');
      attempts.forget('b');
      await Promise.all([a, b]);
    });
  });
});
