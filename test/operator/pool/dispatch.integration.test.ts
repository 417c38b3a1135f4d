// Dispatch follows the pool's capacity (ready pods × conversions per pod), conversions wait in
// Pending while no pod is ready, and a conversion whose pod goes away is dispatched again under
// the same id without spending a retry (contract §7). Kubernetes API test server, fake converter.
import { expect } from 'chai';
import type { V1Deployment } from '@kubernetes/client-node';
import type { OperatorRuntime } from '../../../operator/runtime.ts';
import { PENDING_NO_READY_POD } from '../../../operator/controllers/docconversion/status.ts';
import type { KubeApiServer } from '../../kube-apiserver/server.ts';
import { waitFor } from '../../kube-apiserver/wait-for.ts';
import { FakeConverter, type Interruption } from '../support/fake-converter.ts';
import { OperatorFleet, POOL_NAMESPACE, conversion, create, get, startApiServer, waitForPhase } from '../support/harness.ts';
import { delay } from '../../../common/delay.ts';

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: POOL_NAMESPACE, name: 'docc2context-converter' };

/** A gate the test opens to let every held job finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('dispatch with a managed pool (Kubernetes API test server)', function () {
  this.timeout(30_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  let held: ReturnType<typeof gate>;
  let interrupt: (id: string) => Interruption | undefined;
  const fleet = new OperatorFleet();

  beforeEach(async () => {
    held = gate();
    interrupt = () => undefined;
    kube = await startApiServer();
    converter = await new FakeConverter({
      behave: () => ({ until: held.promise }),
      syncWaitMs: 20,
      interrupt: (id) => interrupt(id),
    }).start();
  });

  afterEach(async () => {
    held.open();
    await fleet.stopAll();
    await converter.close();
    await kube.close();
  });

  async function setReady(ready: number): Promise<void> {
    await kube.store.waitFor(DEPLOYMENT, (d) => d !== undefined, { timeoutMs: 10_000 });
    kube.store.mutate<V1Deployment>(
      DEPLOYMENT,
      (d) => {
        d.status = { ...d.status, replicas: Math.max(ready, 1), readyReplicas: ready };
      },
      'status',
    );
  }

  const settle = (): Promise<void> => delay(300);

  describe('when the ready pods change 0 → 1 → 3 → 1 under a backlog', () => {
    // The default pool: a 2-CPU limit, so WORKERS=2 and 4 conversions per pod (2 running, 2 waiting).
    it('keeps exactly ready × 4 conversions on the pool, never more, and none while no pod is ready', async () => {
      const operator: OperatorRuntime = await fleet.start(kube, converter.url, { pool: {} });
      for (let i = 0; i < 24; i++) create(kube, conversion(`c-${i}`));
      await waitFor(() => Array.from({ length: 24 }, (_, i) => get(kube, `c-${i}`)).every((o) => o?.status?.phase === 'Pending'), {
        timeoutMs: 10_000,
        description: 'all Pending',
      });
      expect(get(kube, 'c-0')?.status?.conditions?.[0]).to.include({ reason: 'Pending', message: PENDING_NO_READY_POD });
      expect(converter.submissions).to.have.length(0);
      expect(operator.controller.waiting).to.equal(24);

      await setReady(1);
      await waitFor(() => converter.running === 4, { timeoutMs: 10_000, description: '4 on the pool' });
      await settle();
      expect(converter.running).to.equal(4);
      expect(operator.controller.capacity).to.equal(4);

      await setReady(3);
      await waitFor(() => converter.running === 12, { timeoutMs: 10_000, description: '12 on the pool' });
      await settle();
      expect(converter.running).to.equal(12);

      await setReady(1);
      await waitFor(() => operator.controller.capacity === 4, { timeoutMs: 10_000, description: 'capacity 4' });
      held.open();
      held = gate();
      // The twelve finish; from the backlog of twelve only four start on the one ready pod.
      await waitFor(() => converter.running === 4 && operator.controller.inFlight === 4, {
        timeoutMs: 10_000,
        description: 'back to 4 on the pool',
      });
      await settle();
      expect(converter.running).to.equal(4);
      expect(converter.submissions.length).to.equal(16);
    });
  });

  for (const interruption of ['forget', 'not-ready', 'reset'] as const) {
    describe(`when the pod running a conversion goes away (poll answers ${interruption})`, () => {
      it('dispatches the same job id again and succeeds in attempt 1, no retry spent', async () => {
        let interrupted = 0;
        interrupt = () => (interrupted++ < 2 ? interruption : undefined);
        await fleet.start(kube, converter.url, { pool: {} });
        await setReady(1);
        create(kube, conversion('lost', { retries: 0 }));
        await waitFor(() => interrupted >= 2, { timeoutMs: 10_000, description: 'interrupted twice' });
        held.open();
        const done = await waitForPhase(kube, 'lost', ['Succeeded', 'Failed']);
        expect(done.status).to.include({ phase: 'Succeeded', attempts: 1 });
        const ids = new Set(converter.submissions.map((request) => request.id));
        expect(ids.size).to.equal(1);
        if (interruption === 'forget') expect(converter.submissions.length).to.be.greaterThan(1);
      });
    });
  }
});

describe('dispatch without a managed pool', function () {
  this.timeout(30_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  const fleet = new OperatorFleet();

  beforeEach(async () => {
    kube = await startApiServer();
    converter = await new FakeConverter().start();
  });

  afterEach(async () => {
    await fleet.stopAll();
    await converter.close();
    await kube.close();
  });

  it('creates no pool objects and dispatches with the fixed DISPATCH_CONCURRENCY', async () => {
    const operator = await fleet.start(kube, converter.url, { dispatchConcurrency: 3 });
    create(kube, conversion('plain'));
    await waitForPhase(kube, 'plain', ['Succeeded']);
    expect(operator.pool).to.equal(undefined);
    expect(operator.controller.capacity).to.equal(3);
    expect(kube.store.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: POOL_NAMESPACE })).to.have.length(0);
  });
});
