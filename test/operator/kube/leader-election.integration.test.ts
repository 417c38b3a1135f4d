// Two leader electors against the Kubernetes API test server, through the operator's Lease
// client (operator/kube/client.ts) over real HTTP. Short timings keep it quick; nothing asserts wall-clock times,
// only what happened and in which order.
import { expect } from 'chai';
import { silentLogger } from '../../../common/logger.ts';
import { makeClients } from '../../../operator/kube/client.ts';
import { systemClock } from '../../../operator/clock.ts';
import { LeaderElector } from '../../../operator/kube/leader-election.ts';
import { coordinationLeaseStore, type LeaseStore } from '../../../operator/kube/lease-store.ts';
import { startKubeApiServer, type KubeApiServer } from '../../kube-apiserver/server.ts';
import { waitFor } from '../../kube-apiserver/wait-for.ts';
import { validateK8sObject } from '../../support/k8s-schema.ts';

const NS = 'docc2context-system';
const LEASE = 'docc2context-operator';
const TIMINGS = { leaseDurationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 200 };

/** A connection to the API server that the test can cut, like a partitioned replica. */
function cuttable(store: LeaseStore): LeaseStore & { cut: boolean } {
  const guard = <T>(call: () => Promise<T>): Promise<T> => (wrapper.cut ? Promise.reject(new Error('connect ECONNREFUSED')) : call());
  const wrapper = {
    cut: false,
    get: (ns: string, name: string) => guard(() => store.get(ns, name)),
    create: (...args: Parameters<LeaseStore['create']>) => guard(() => store.create(...args)),
    replace: (...args: Parameters<LeaseStore['replace']>) => guard(() => store.replace(...args)),
  };
  return wrapper;
}

describe('LeaderElector against the Kubernetes API test server', function () {
  this.timeout(20_000);
  let server: KubeApiServer;
  let electors: LeaderElector[];
  let timeline: string[];

  const elector = (identity: string, releaseOnStop = false): { elector: LeaderElector; connection: ReturnType<typeof cuttable> } => {
    const connection = cuttable(coordinationLeaseStore(makeClients(server.kubeConfig()).leases));
    const created = new LeaderElector(
      { store: connection, clock: systemClock, logger: silentLogger() },
      { namespace: NS, name: LEASE, identity, releaseOnStop, ...TIMINGS },
      { onStartedLeading: () => timeline.push(`${identity} started`), onStoppedLeading: () => void timeline.push(`${identity} stopped`) },
    );
    electors.push(created);
    return { elector: created, connection };
  };
  const lease = () => server.store.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: NS, name: LEASE });
  const holder = (): string | undefined => (lease()?.spec as { holderIdentity?: string } | undefined)?.holderIdentity;
  const leaders = (): number => electors.filter((candidate) => candidate.isLeader).length;

  beforeEach(async () => {
    server = await startKubeApiServer({ namespaces: [NS] });
    electors = [];
    timeline = [];
  });

  afterEach(async () => {
    await Promise.all(electors.map((candidate) => candidate.stop()));
    await server.close();
  });

  describe('when two replicas campaign for one Lease', () => {
    it('lets only one lead while it keeps renewing, and writes a valid Lease', async () => {
      const a = elector('replica-a');
      const b = elector('replica-b');
      a.elector.start();
      b.elector.start();
      const first = await waitFor(() => holder(), { description: 'a leader' });
      const renewals = new Set<string>();
      await waitFor(
        () => {
          expect(leaders()).to.equal(1);
          renewals.add(String((lease()?.spec as { renewTime?: string }).renewTime));
          return renewals.size >= 5;
        },
        { timeoutMs: 10_000, description: 'five renewals' },
      );
      expect(holder()).to.equal(first);
      expect(timeline).to.deep.equal([`${first} started`]);
      expect(validateK8sObject(lease()).errors).to.deep.equal([]);
    });
  });

  describe('when the leader dies without releasing the Lease', () => {
    it('the standby takes over once the lease expires', async () => {
      const a = elector('replica-a');
      a.elector.start();
      await waitFor(() => a.elector.isLeader, { description: 'replica-a leading' });
      const b = elector('replica-b');
      b.elector.start();
      await waitFor(() => b.elector.leader === 'replica-a', { description: 'replica-b seeing replica-a' });
      await a.elector.stop();
      await waitFor(() => b.elector.isLeader, { timeoutMs: 10_000, description: 'replica-b leading' });
      expect(timeline).to.deep.equal(['replica-a started', 'replica-a stopped', 'replica-b started']);
      expect(lease()?.spec).to.include({ holderIdentity: 'replica-b', leaseTransitions: 1 });
    });
  });

  describe('when the leader loses its connection to the API server', () => {
    it('stops leading before the standby starts, and the standby takes over', async () => {
      const a = elector('replica-a');
      a.elector.start();
      await waitFor(() => a.elector.isLeader, { description: 'replica-a leading' });
      const b = elector('replica-b');
      b.elector.start();
      a.connection.cut = true;
      await waitFor(() => b.elector.isLeader, { timeoutMs: 10_000, description: 'replica-b leading' });
      expect(timeline).to.deep.equal(['replica-a started', 'replica-a stopped', 'replica-b started']);
      expect(a.elector.isLeader).to.equal(false);
    });
  });

  describe('when the leader shuts down and releases the Lease', () => {
    it('hands over without waiting for the lease to expire', async () => {
      const a = elector('replica-a', true);
      a.elector.start();
      await waitFor(() => a.elector.isLeader, { description: 'replica-a leading' });
      const b = elector('replica-b');
      b.elector.start();
      await waitFor(() => b.elector.leader === 'replica-a', { description: 'replica-b seeing replica-a' });
      await a.elector.stop();
      expect(holder()).to.equal('');
      await waitFor(() => b.elector.isLeader, { timeoutMs: 10_000, description: 'replica-b leading' });
      expect(lease()?.spec).to.include({ holderIdentity: 'replica-b', leaseTransitions: 1 });
    });
  });
});
