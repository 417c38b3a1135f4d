import { expect } from 'chai';
import { silentLogger } from '../../../common/logger.ts';
import { LeaderElector, type LeaderElectionConfig } from '../../../operator/kube/leader-election.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeLeaseStore, type FakeLeaseConnection } from '../../support/fake-lease-store.ts';

const NS = 'docc2context-system';
const LEASE = 'docc2context-operator';

interface Replica {
  elector: LeaderElector;
  connection: FakeLeaseConnection;
  events: string[];
  leaderMetric?: boolean;
}

describe('LeaderElector', () => {
  let clock: FakeClock;
  let server: FakeLeaseStore;
  let replicas: Replica[];

  const replica = (identity: string, overrides: Partial<LeaderElectionConfig> = {}, onStopped?: () => Promise<void>): Replica => {
    const connection = server.connect();
    const events: string[] = [];
    const config: LeaderElectionConfig = {
      namespace: NS,
      name: LEASE,
      identity,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      releaseOnStop: false,
      ...overrides,
    };
    const created: Replica = { elector: undefined as unknown as LeaderElector, connection, events };
    created.elector = new LeaderElector(
      {
        store: connection,
        clock,
        logger: silentLogger(),
        random: () => 0,
        metrics: { setLeader: (_name, leading) => (created.leaderMetric = leading) },
      },
      config,
      {
        onStartedLeading: (signal) => {
          events.push('started');
          signal.addEventListener('abort', () => events.push('aborted'));
        },
        onStoppedLeading: async () => {
          events.push('stopped');
          await onStopped?.();
        },
        onNewLeader: (leader) => events.push(`leader:${leader}`),
      },
    );
    replicas.push(created);
    return created;
  };

  const leaders = (): string[] => replicas.filter((r) => r.elector.isLeader).map((r) => r.elector.leader);
  /** Advances time in small steps, asserting that at most one replica leads at any moment. */
  const run = async (ms: number, step = 100): Promise<void> => {
    for (let elapsed = 0; elapsed < ms; elapsed += step) {
      await clock.advance(step);
      expect(leaders().length, `leaders at +${elapsed + step} ms`).to.be.at.most(1);
    }
  };

  beforeEach(() => {
    clock = new FakeClock();
    server = new FakeLeaseStore();
    replicas = [];
  });

  afterEach(async () => {
    for (const { connection } of replicas) Object.assign(connection, { cut: false, frozen: false });
    await Promise.all(replicas.map(({ elector }) => elector.stop()));
  });

  describe('when the lease does not exist yet', () => {
    it('creates it, holds it and starts leading', async () => {
      const a = replica('a');
      a.elector.start();
      await clock.advance(0);
      const lease = server.lease(NS, LEASE)!;
      expect(lease.record).to.deep.include({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
      expect(lease.record.acquireTime?.getTime()).to.equal(clock.now());
      expect(lease.record.renewTime?.getTime()).to.equal(clock.now());
      expect(a.elector.isLeader).to.equal(true);
      expect(a.leaderMetric).to.equal(true);
      expect(a.events).to.deep.equal(['leader:a', 'started']);
    });
  });

  describe('while it leads', () => {
    it('renews every retry period with one write, keeping acquireTime and transitions', async () => {
      const a = replica('a');
      a.elector.start();
      await clock.advance(0);
      const acquiredAt = clock.now();
      const writes = server.writes;
      await run(10_000);
      const lease = server.lease(NS, LEASE)!;
      expect(server.writes - writes).to.equal(5);
      expect(lease.record.renewTime?.getTime()).to.equal(acquiredAt + 10_000);
      expect(lease.record.acquireTime?.getTime()).to.equal(acquiredAt);
      expect(lease.record.leaseTransitions).to.equal(0);
    });
  });

  describe('when two replicas campaign', () => {
    it('lets exactly one lead while the other stands by', async () => {
      const a = replica('a');
      const b = replica('b');
      a.elector.start();
      b.elector.start();
      await run(60_000);
      expect(leaders()).to.deep.equal(['a']);
      expect(b.events).to.deep.equal(['leader:a']);
      expect(b.leaderMetric).to.equal(false);
    });
  });

  describe('when the leader can no longer reach the API server', () => {
    it('steps down by the renew deadline and the standby takes over within the lease duration', async () => {
      const a = replica('a');
      const b = replica('b');
      a.elector.start();
      await clock.advance(0);
      b.elector.start();
      await run(4_000);
      const lastRenew = server.lease(NS, LEASE)!.record.renewTime!.getTime();
      a.connection.cut = true;
      await run(10_000);
      expect(a.elector.isLeader).to.equal(false);
      expect(a.events).to.deep.equal(['leader:a', 'started', 'aborted', 'stopped']);
      await run(lastRenew + 15_000 + 2_000 - clock.now());
      expect(leaders()).to.deep.equal(['b']);
      const lease = server.lease(NS, LEASE)!;
      expect(lease.record.holderIdentity).to.equal('b');
      expect(lease.record.leaseTransitions).to.equal(1);
      expect(lease.record.acquireTime!.getTime() - lastRenew).to.be.at.most(15_000 + 2_000);
    });

    it('steps down by the renew deadline even when its requests hang', async () => {
      const a = replica('a');
      a.elector.start();
      await clock.advance(0);
      a.connection.frozen = true;
      await run(9_000);
      expect(a.elector.isLeader).to.equal(true);
      await run(1_000);
      expect(a.elector.isLeader).to.equal(false);
    });

    it('stands by once it is reachable again while the new leader renews', async () => {
      const a = replica('a');
      const b = replica('b');
      a.elector.start();
      await clock.advance(0);
      b.elector.start();
      a.connection.cut = true;
      await run(20_000);
      a.connection.cut = false;
      await run(30_000);
      expect(leaders()).to.deep.equal(['b']);
      expect(a.events.at(-1)).to.equal('leader:b');
    });
  });

  describe('when the leader is stopped', () => {
    it('with release, stops its work before giving the lease up, and the standby takes over at its next retry', async () => {
      let holderDuringStop = '';
      const a = replica('a', { releaseOnStop: true }, async () => {
        holderDuringStop = server.lease(NS, LEASE)!.record.holderIdentity;
      });
      const b = replica('b');
      a.elector.start();
      await clock.advance(0);
      b.elector.start();
      await run(3_000);
      await a.elector.stop();
      expect(holderDuringStop).to.equal('a');
      expect(server.lease(NS, LEASE)!.record.holderIdentity).to.equal('');
      await run(2_000);
      expect(leaders()).to.deep.equal(['b']);
    });

    it('with release and a hung API server, gives up releasing after the renew deadline', async () => {
      const a = replica('a', { releaseOnStop: true });
      a.elector.start();
      await clock.advance(0);
      a.connection.frozen = true;
      let stopped = false;
      const stopping = a.elector.stop().then(() => (stopped = true));
      await clock.advance(9_999);
      expect(stopped).to.equal(false);
      await clock.advance(1);
      await stopping;
      expect(a.events).to.deep.equal(['leader:a', 'started', 'aborted', 'stopped']);
      expect(server.lease(NS, LEASE)!.record.holderIdentity).to.equal('a');
    });

    it('without release, the standby waits for the lease to expire', async () => {
      const a = replica('a');
      const b = replica('b');
      a.elector.start();
      await clock.advance(0);
      b.elector.start();
      await run(1_000);
      await a.elector.stop();
      const lastRenew = server.lease(NS, LEASE)!.record.renewTime!.getTime();
      await run(12_000);
      expect(leaders()).to.deep.equal([]);
      await run(lastRenew + 17_000 - clock.now());
      expect(leaders()).to.deep.equal(['b']);
    });
  });

  describe('when the timings are inconsistent', () => {
    it('refuses a renew deadline not shorter than the lease duration', () => {
      expect(() => replica('a', { renewDeadlineMs: 15_000 })).to.throw(/renewDeadline must be shorter/);
    });
  });
});
