// End to end under failure: restarts, dropped watches and 410 Gone, two replicas, a burst.
import { expect } from 'chai';
import type { OperatorRuntime } from '../../../../operator/runtime.ts';
import type { KubeApiServer } from '../../../kube-apiserver/server.ts';
import { waitFor } from '../../../kube-apiserver/wait-for.ts';
import { FakeConverter } from '../../support/fake-converter.ts';
import { DC, NAMESPACE, OperatorFleet, conversion, create, get, startApiServer, waitForPhase } from '../../support/harness.ts';
import type { OperatorOptions } from '../../support/harness.ts';

describe('DocConversion operator resilience (end to end, fake converter)', function () {
  this.timeout(60_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  const fleet = new OperatorFleet();
  let delayMs = 0;

  beforeEach(async () => {
    delayMs = 0;
    kube = await startApiServer();
    converter = await new FakeConverter({ behave: () => ({ delayMs }), syncWaitMs: 50 }).start();
  });

  afterEach(async () => {
    await fleet.stopAll();
    await converter.close();
    await kube.close();
  });

  const operator = (options: OperatorOptions = {}): Promise<OperatorRuntime> => fleet.start(kube, converter.url, options);
  const stop = (target: OperatorRuntime): Promise<void> => fleet.stop(target);

  describe('when the operator is stopped mid-run and another one starts', () => {
    it('re-attaches to the same job by id and completes it', async () => {
      delayMs = 1500;
      const first = await operator();
      create(kube, conversion('survivor'));
      const running = await waitForPhase(kube, 'survivor', ['Running']);
      await stop(first);
      await operator({ identity: 'operator-1' });
      const done = await waitForPhase(kube, 'survivor', ['Succeeded', 'Failed']);
      expect(done.status).to.include({ phase: 'Succeeded', attempts: 1, jobId: running.status?.jobId });
      expect(converter.jobs.size).to.equal(1);
      expect(new Set(converter.submissions.map((r) => r.id)).size).to.equal(1);
    });
  });

  describe('when watches are dropped and the history is compacted (410 Gone)', () => {
    it('relists and still reconciles what changed meanwhile', async () => {
      await operator();
      create(kube, conversion('before'));
      await waitForPhase(kube, 'before', ['Succeeded']);
      kube.controls.dropWatches({ abrupt: true });
      kube.controls.compact();
      create(kube, conversion('after'));
      await waitForPhase(kube, 'after', ['Succeeded']);
      kube.controls.compact();
      kube.controls.dropWatches();
      create(kube, conversion('after-clean-drop'));
      await waitForPhase(kube, 'after-clean-drop', ['Succeeded']);
    });
  });

  describe('when the watch fails with server errors', () => {
    it('restarts the informer with backoff and catches up', async () => {
      const running = await operator();
      kube.controls.failNext({ verb: 'watch', times: 3, status: 500 });
      kube.controls.failNext({ verb: 'list', times: 2, status: 503 });
      kube.controls.compact();
      kube.controls.dropWatches({ abrupt: true });
      create(kube, conversion('after-errors'));
      await waitForPhase(kube, 'after-errors', ['Succeeded']);
      expect(running.controller.informers[0].restarts).to.be.greaterThan(0);
      await waitFor(() => running.ready, { timeoutMs: 5000, description: 'synced again' });
    });
  });

  describe('when two replicas run', () => {
    it('lets only the leader act, and the other takes over when it stops', async () => {
      const a = await operator({ identity: 'replica-a', leaderElection: true });
      const b = await operator({ identity: 'replica-b', leaderElection: true });
      await waitFor(() => a.leading || b.leading, { timeoutMs: 5000, description: 'a leader' });
      const [leader, standby] = a.leading ? [a, b] : [b, a];
      expect(standby.leading).to.equal(false);
      expect(standby.ready).to.equal(true);
      create(kube, conversion('first'));
      await waitForPhase(kube, 'first', ['Succeeded']);
      const instances = (): string[] =>
        kube.store
          .list({ apiVersion: 'events.k8s.io/v1', kind: 'Event', namespace: NAMESPACE })
          .map((e) => (e as { reportingInstance?: string }).reportingInstance ?? '');
      await waitFor(() => instances().length > 0, { timeoutMs: 5000 });
      expect(new Set(instances())).to.deep.equal(new Set([leader === a ? 'replica-a' : 'replica-b']));
      await stop(leader);
      await waitFor(() => standby.leading, { timeoutMs: 5000, description: 'failover' });
      create(kube, conversion('second'));
      await waitForPhase(kube, 'second', ['Succeeded']);
    });
  });

  describe('when 1,000 DocConversions are created at once', () => {
    it('finishes every one of them', async function () {
      // Test server, converter and operator share one event loop here: generous, never asserted.
      this.timeout(240_000);
      await operator({ dispatchConcurrency: 64, workers: 16 });
      for (let i = 0; i < 1000; i++) create(kube, conversion(`burst-${i}`));
      await waitFor(
        () =>
          kube.store
            .list({ ...DC, namespace: NAMESPACE })
            .every((o) => (o as { status?: { phase?: string } }).status?.phase === 'Succeeded'),
        { timeoutMs: 200_000, intervalMs: 2000, description: '1,000 Succeeded' },
      );
      expect(get(kube, 'burst-999')?.status?.attempts).to.equal(1);
    });
  });
});
