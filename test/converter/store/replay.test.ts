// What a pod's outage writes and deletes do to Redis once it answers again: per kind of key, the
// copy another writer put in Redis meanwhile wins unless ours supersedes it (ADR 0061).
import { expect } from 'chai';
import { silentLogger } from '../../../common/logger.ts';
import type { Backend } from '../../../converter/store/backend.ts';
import { HealthTracker } from '../../../converter/store/health.ts';
import { MemoryBackend } from '../../../converter/store/memory-backend.ts';
import { ReplayQueue } from '../../../converter/store/replay-queue.ts';
import { ResilientBackend } from '../../../converter/store/resilient-backend.ts';
import { createJobRecords, createLockService, createRetainedResults, replayPolicyFor } from '../../../converter/store/roles.ts';
import type { JobRecord } from '../../../converter/store/types.ts';
import type { JobState } from '../../../common/contract/conversion-job.ts';

interface Link {
  down: boolean;
  /** Runs after the pod's next GET has read Redis: another writer racing the replay. */
  afterGet?: () => Promise<void>;
}

/** The pod's view of a shared Redis: every call fails while its link is down. */
function linkTo(redis: Backend, link: Link): Backend {
  return new Proxy(redis, {
    get(target, property) {
      const member: unknown = Reflect.get(target, property);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]) => {
        if (link.down) throw new Error('connection refused');
        const reply: unknown = await member.apply(target, args);
        const race = property === 'get' ? link.afterGet : undefined;
        link.afterGet = undefined;
        await race?.();
        return reply;
      };
    },
  });
}

function aRecord(state: JobState, requestHash = 'h'): JobRecord {
  return { requestHash, status: { id: 'j', state } } as JobRecord;
}

describe('replay after a Redis outage', () => {
  const link: Link = { down: false };
  let clock: number;
  const now = (): number => clock;
  let redis: MemoryBackend;
  let tracker: HealthTracker;
  let pod: ResilientBackend;
  let dropped: string[];
  const podJobs = () => createJobRecords(pod);
  const podResults = () => createRetainedResults(pod);
  const otherJobs = () => createJobRecords(redis);
  const otherResults = () => createRetainedResults(redis);

  const loseRedis = async (): Promise<void> => {
    link.down = true;
    await podJobs().get('probe');
    expect(tracker.state).to.equal('degraded');
  };
  const recover = async (): Promise<void> => {
    link.down = false;
    await tracker.probeNow();
    await pod.replay();
  };

  beforeEach(() => {
    link.down = false;
    clock = 1_800_000_000_000;
    redis = new MemoryBackend({ now });
    dropped = [];
    tracker = new HealthTracker({
      logger: silentLogger(),
      probe: async () => (link.down ? Promise.reject(new Error('down')) : 'PONG'),
      probeIntervalMs: 60_000,
    });
    const replay = { queue: new ReplayQueue(100, (key) => dropped.push(key)), policyFor: replayPolicyFor, now };
    pod = new ResilientBackend(linkTo(redis, link), new MemoryBackend({ now }), tracker, { onError: () => undefined, replay });
  });
  afterEach(() => tracker.close());

  describe('a job record', () => {
    it('is written through when Redis holds none', async () => {
      await loseRedis();
      await podJobs().put(aRecord('succeeded'), 60_000);
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('succeeded');
    });

    it('replaces a running record with its final state', async () => {
      await podJobs().put(aRecord('running'), 60_000);
      await loseRedis();
      await podJobs().put(aRecord('failed'), 60_000);
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('failed');
    });

    it('leaves a final record another pod wrote during the outage', async () => {
      await loseRedis();
      await podJobs().put(aRecord('failed'), 60_000);
      await otherJobs().put(aRecord('succeeded'), 60_000);
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('succeeded');
    });

    it('never puts a running state over a final one', async () => {
      await loseRedis();
      await podJobs().put(aRecord('running'), 60_000);
      await otherJobs().put(aRecord('succeeded'), 60_000);
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('succeeded');
    });

    it('leaves a running record of another request under the same id', async () => {
      await loseRedis();
      await podJobs().put(aRecord('succeeded', 'ours'), 60_000);
      await otherJobs().put(aRecord('running', 'theirs'), 60_000);
      await recover();
      expect(await otherJobs().get('j')).to.deep.equal(aRecord('running', 'theirs'));
    });

    it('decides again when another pod writes between its read and its write', async () => {
      await podJobs().put(aRecord('running'), 60_000);
      await loseRedis();
      await podJobs().put(aRecord('failed'), 60_000);
      link.afterGet = () => otherJobs().put(aRecord('succeeded'), 60_000);
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('succeeded');
    });
  });

  describe('a retained result', () => {
    it('is written through with its remaining TTL when Redis holds none', async () => {
      await loseRedis();
      await podResults().put('j', Buffer.from('zip'), 60_000);
      clock += 50_000;
      await recover();
      expect((await otherResults().get('j'))?.toString()).to.equal('zip');
      clock += 10_000;
      expect(await otherResults().get('j')).to.equal(undefined);
    });

    it('never replaces the copy Redis already holds', async () => {
      await loseRedis();
      await podResults().put('j', Buffer.from('ours'), 60_000);
      await otherResults().put('j', Buffer.from('theirs'), 60_000);
      await recover();
      expect((await otherResults().get('j'))?.toString()).to.equal('theirs');
    });

    it('is skipped once its TTL has run out', async () => {
      await loseRedis();
      await podResults().put('j', Buffer.from('zip'), 1_000);
      clock += 1_000;
      await recover();
      expect(await otherResults().get('j')).to.equal(undefined);
    });
  });

  describe('a delete made during the outage', () => {
    it('removes the running record the deleted final one would have replaced', async () => {
      await podJobs().put(aRecord('running'), 60_000);
      await loseRedis();
      await podJobs().put(aRecord('succeeded'), 60_000);
      expect(await podJobs().delete('j')).to.equal(true);
      await recover();
      expect(await otherJobs().get('j')).to.equal(undefined);
    });

    it('removes a record Redis holds exactly as this pod deleted it', async () => {
      await loseRedis();
      await podJobs().put(aRecord('succeeded'), 60_000);
      await otherJobs().put(aRecord('succeeded'), 60_000);
      await podJobs().delete('j');
      await recover();
      expect(await otherJobs().get('j')).to.equal(undefined);
    });

    it('leaves a final record another pod wrote during the outage', async () => {
      await loseRedis();
      await podJobs().put(aRecord('failed'), 60_000);
      await otherJobs().put(aRecord('succeeded'), 60_000);
      await podJobs().delete('j');
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('succeeded');
    });

    it('removes a retained result only while Redis holds the same bytes', async () => {
      await loseRedis();
      for (const id of ['same', 'other']) await podResults().put(id, Buffer.from('zip'), 60_000);
      await otherResults().put('same', Buffer.from('zip'), 60_000);
      await otherResults().put('other', Buffer.from('other zip'), 60_000);
      for (const id of ['same', 'other']) await podResults().delete(id);
      await recover();
      expect(await otherResults().get('same')).to.equal(undefined);
      expect((await otherResults().get('other'))?.toString()).to.equal('other zip');
    });

    it('replaces the write of the same key queued before it', async () => {
      await loseRedis();
      await podResults().put('j', Buffer.from('zip'), 60_000);
      await podResults().delete('j');
      await recover();
      expect(await otherResults().get('j')).to.equal(undefined);
      expect(dropped).to.deep.equal([]);
    });

    it('leaves a key this pod did not hold (the delete answered not found)', async () => {
      await otherJobs().put(aRecord('succeeded'), 60_000);
      await loseRedis();
      expect(await podJobs().delete('j')).to.equal(false);
      await recover();
      expect((await otherJobs().get('j'))?.status.state).to.equal('succeeded');
    });
  });

  describe('locks', () => {
    it('taken during the outage are not replayed (they are not durable)', async () => {
      await loseRedis();
      expect(await createLockService(pod).tryAcquire('job:j', 60_000)).to.not.equal(undefined);
      await recover();
      expect(await createLockService(redis).tryAcquire('job:j', 60_000)).to.not.equal(undefined);
    });
  });
});
