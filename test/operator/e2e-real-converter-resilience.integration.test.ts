// End to end under failure with the real converter (builtin engine, 2 workers, the real Redis):
// delete during a run, dropped watches and 410 Gone mid-run, two replicas with failover, and
// 1,000 DocConversions at once. A run is held mid-flight by holding its source download in the
// fixture server until the test opens it.
import { expect } from 'chai';
import path from 'node:path';
import type { DocConversion } from '../../operator/api/docconversion.generated.ts';
import type { OperatorRuntime } from '../../operator/runtime.ts';
import type { KubeApiServer } from '../kube-apiserver/server.ts';
import { waitFor } from '../kube-apiserver/wait-for.ts';
import { zipUnder } from '../converter/server/support-e2e.ts';
import { DOCC_FIXTURES } from '../support/paths.ts';
import { FixtureServer } from './support/fixture-server.ts';
import { DC, NAMESPACE, OperatorFleet, conversion, create, get, reasonOf, startApiServer, waitForPhase } from './support/harness.ts';
import type { OperatorOptions } from './support/harness.ts';
import { startRealConverter } from './support/real-converter.ts';
import type { RealConverter } from './support/real-converter.ts';

function expectConverted(object: DocConversion | undefined): void {
  const name = object?.metadata?.name;
  expect(object?.status, name).to.include({ phase: 'Succeeded', attempts: 1 });
  expect(reasonOf(object), name).to.equal('Converted');
  expect(object?.status?.result?.engine, name).to.equal('builtin');
  expect(object?.status?.result?.sha256, name).to.match(/^[0-9a-f]{64}$/);
}

/** The value of one Prometheus sample line of the converter's /metrics, 0 when absent. */
async function metric(converter: RealConverter, sample: string): Promise<number> {
  const text = await (await fetch(`${converter.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

describe('DocConversion operator resilience (end to end, real converter)', function () {
  this.timeout(120_000);
  let converter: RealConverter;
  let fixtures: FixtureServer;
  let kube: KubeApiServer;
  /** Held and failover runs convert this one; the burst alone uses ArticleReference (a cold cache). */
  let archive: Buffer;
  let burstArchive: Buffer;
  const fleet = new OperatorFleet();

  before(async () => {
    [archive, burstArchive] = await Promise.all(
      ['TutorialCatalog', 'ArticleReference'].map((name) =>
        zipUnder(path.join(DOCC_FIXTURES, `${name}.doccarchive`), `${name}.doccarchive`),
      ),
    );
    // Rate limits and the queue high enough that the 1,000-at-once burst is never refused.
    converter = await startRealConverter({ RATE_LIMIT_REQUESTS: '1000000', QUEUE_SIZE: '10000' });
    fixtures = await new FixtureServer().start();
  });

  after(async () => {
    await fixtures?.close();
    await converter?.close();
  });

  beforeEach(async () => {
    kube = await startApiServer();
  });

  afterEach(async () => {
    await fleet.stopAll();
    await kube?.close();
  });

  const operator = (options: OperatorOptions = {}): Promise<OperatorRuntime> => fleet.start(kube, converter.url, options);
  const stop = (target: OperatorRuntime): Promise<void> => fleet.stop(target);

  /** Creates a DocConversion whose source download is held, and waits until its job runs. */
  async function createHeld(name: string): Promise<{ source: string; running: DocConversion }> {
    const source = `/archives/${name}.zip`;
    fixtures.hold(source);
    create(kube, conversion(name, { source: { url: fixtures.serve(source, archive) } }));
    await waitFor(() => fixtures.count(`GET ${source}`) === 1, { timeoutMs: 10_000, description: `${name} source requested` });
    return { source, running: await waitForPhase(kube, name, ['Running']) };
  }

  function jobUrl(object: DocConversion): string {
    return `${converter.url}/api/v1/conversions/${encodeURIComponent(object.status?.jobId ?? '')}`;
  }

  describe('when a DocConversion is deleted during a run', () => {
    it('lets the object go and removes the job from the converter', async () => {
      await operator();
      const { source, running } = await createHeld('doomed');
      expect((await fetch(jobUrl(running))).status, 'job in the converter while it runs').to.equal(200);
      kube.store.delete({ ...DC, namespace: NAMESPACE, name: 'doomed' });
      await waitFor(() => get(kube, 'doomed') === undefined, { timeoutMs: 10_000, description: 'doomed gone' });
      // The converter discards a deleted job when it ends: let it end, then it must be gone
      // (without the operator's DELETE it would be stored as succeeded).
      fixtures.open(source);
      await waitFor(async () => (await fetch(jobUrl(running))).status === 404, { timeoutMs: 10_000, description: 'job deleted' });
      expect((await fetch(`${jobUrl(running)}/result.zip`)).status).to.equal(404);
    });
  });

  describe('when watches are dropped and the history is compacted (410 Gone) mid-run', () => {
    it('relists, completes the running job and reconciles what changed meanwhile', async () => {
      await operator();
      const { source, running } = await createHeld('midrun');
      kube.controls.dropWatches({ abrupt: true });
      kube.controls.compact();
      create(kube, conversion('after-gone', { source: { url: fixtures.serve('/archives/after-gone.zip', archive) } }));
      fixtures.open(source);
      const [midrun, afterGone] = await Promise.all([
        waitForPhase(kube, 'midrun', ['Succeeded', 'Failed'], 30_000),
        waitForPhase(kube, 'after-gone', ['Succeeded', 'Failed'], 30_000),
      ]);
      expectConverted(midrun);
      expectConverted(afterGone);
      expect(midrun.status?.jobId).to.equal(running.status?.jobId);
      expect(fixtures.count(`GET ${source}`)).to.equal(1);
      kube.controls.compact();
      kube.controls.dropWatches();
      create(kube, conversion('after-clean-drop', { source: { url: fixtures.serve('/archives/after-clean-drop.zip', archive) } }));
      expectConverted(await waitForPhase(kube, 'after-clean-drop', ['Succeeded', 'Failed'], 30_000));
    });
  });

  describe('when two replicas run', () => {
    it('lets only the leader act, and the other completes its running job when it stops', async () => {
      const a = await operator({ identity: 'replica-a', leaderElection: true });
      const b = await operator({ identity: 'replica-b', leaderElection: true });
      await waitFor(() => a.leading || b.leading, { timeoutMs: 5000, description: 'a leader' });
      const [leader, standby] = a.leading ? [a, b] : [b, a];
      expect(standby.leading).to.equal(false);
      create(kube, conversion('first', { source: { url: fixtures.serve('/archives/first.zip', archive) } }));
      expectConverted(await waitForPhase(kube, 'first', ['Succeeded', 'Failed'], 30_000));
      const instances = (): string[] =>
        kube.store
          .list({ apiVersion: 'events.k8s.io/v1', kind: 'Event', namespace: NAMESPACE })
          .map((e) => (e as { reportingInstance?: string }).reportingInstance ?? '');
      await waitFor(() => instances().length > 0, { timeoutMs: 5000, description: 'an event' });
      expect(new Set(instances())).to.deep.equal(new Set([leader === a ? 'replica-a' : 'replica-b']));
      const { source, running } = await createHeld('handover');
      await stop(leader);
      await waitFor(() => standby.leading, { timeoutMs: 10_000, description: 'failover' });
      fixtures.open(source);
      const done = await waitForPhase(kube, 'handover', ['Succeeded', 'Failed'], 30_000);
      expectConverted(done);
      expect(done.status?.jobId).to.equal(running.status?.jobId);
      expect(fixtures.count(`GET ${source}`)).to.equal(1);
    });
  });

  describe('when 1,000 DocConversions of the same archive are created at once', () => {
    it('finishes every one, converting far fewer times than 1,000 thanks to the cache', async function () {
      // Test server, converter and operator share one event loop here: generous, never asserted.
      this.timeout(180_000);
      const url = fixtures.serve('/archives/burst.zip', burstArchive);
      const hitsBefore = await metric(converter, 'docc2context_cache_lookups_total{result="hit"}');
      await operator({ dispatchConcurrency: 64, workers: 16 });
      for (let i = 0; i < 1000; i++) create(kube, conversion(`burst-${i}`, { source: { url } }));
      const phases = (): (string | undefined)[] =>
        kube.store.list({ ...DC, namespace: NAMESPACE }).map((o) => (o as unknown as DocConversion).status?.phase);
      await waitFor(() => phases().every((phase) => phase === 'Succeeded' || phase === 'Failed'), {
        timeoutMs: 170_000,
        intervalMs: 1000,
        description: '1,000 finished',
      });
      const objects = kube.store.list({ ...DC, namespace: NAMESPACE }) as unknown as DocConversion[];
      expect(objects).to.have.length(1000);
      for (const object of objects) expectConverted(object);
      // Each job looks the cache up until it hits, or converts under the lock: a job converts
      // exactly when it never hits, so the hits tell how many times the converter converted.
      const hits = (await metric(converter, 'docc2context_cache_lookups_total{result="hit"}')) - hitsBefore;
      const converted = objects.filter((object) => object.status?.result?.cacheHit === false).length;
      expect(hits, 'cache hits').to.equal(1000 - converted);
      expect(converted, 'conversions actually run').to.be.within(1, 9);
    });
  });
});
