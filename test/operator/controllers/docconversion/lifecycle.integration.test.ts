// End to end: Kubernetes API test server + fake converter + the operator, over real HTTP.
import { expect } from 'chai';
import type { DocConversion } from '../../../../operator/api/docconversion.generated.ts';
import type { OperatorRuntime } from '../../../../operator/runtime.ts';
import type { KubeApiServer } from '../../../kube-apiserver/server.ts';
import { waitFor } from '../../../kube-apiserver/wait-for.ts';
import { FakeConverter } from '../../support/fake-converter.ts';
import type { Behaviour } from '../../support/fake-converter.ts';
import { makeZip } from '../../support/zip.ts';
import {
  NAMESPACE,
  conversion,
  create,
  eventsFor,
  get,
  readSample,
  reasonOf,
  startApiServer,
  startOperator,
  waitForPhase,
} from '../../support/harness.ts';
import { sampleArchiveConfigMaps } from '../../../support/docconversion.ts';

function expectConverted(object: DocConversion): void {
  expect(object.status, object.metadata?.name).to.include({ phase: 'Succeeded', attempts: 1, observedGeneration: 1 });
  expect(reasonOf(object)).to.equal('Converted');
  expect(object.status?.result?.sha256).to.match(/^[0-9a-f]{64}$/);
  expect(object.status?.completionTime).to.be.a('string');
  expect(object.metadata?.finalizers).to.include('docc2context.io/cleanup');
}

describe('DocConversion operator (end to end, fake converter)', function () {
  this.timeout(30_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  let operator: OperatorRuntime | undefined;
  let behaviours: Record<string, Behaviour>;

  beforeEach(async () => {
    behaviours = {};
    kube = await startApiServer();
    converter = await new FakeConverter({ behave: (request) => behaviourFor(request.source), syncWaitMs: 100 }).start();
    operator = await startOperator(kube, converter.url);
  });

  afterEach(async () => {
    await operator?.stop();
    await converter.close();
    await kube.close();
  });

  function behaviourFor(source: { url?: string } | { inline: string }): Behaviour {
    const url = 'url' in source ? (source.url ?? '') : 'inline';
    const match = Object.entries(behaviours).find(([needle]) => url.includes(needle));
    return match?.[1] ?? {};
  }

  async function createArchiveConfigMap(): Promise<void> {
    const zip = makeZip({ 'SlothCreator.doccarchive/data/documentation/slothcreator.json': '{}' });
    for (const configMap of sampleArchiveConfigMaps(NAMESPACE, zip)) kube.store.create(configMap as never);
  }

  describe('when every sample is applied', () => {
    it('brings each to Succeeded with a result that says where the output is', async () => {
      await createArchiveConfigMap();
      const files = [
        'url-retain.yaml',
        'url-sha256-url-output.yaml',
        'configmap-source-retain-options.yaml',
        'configmap-source-configmap-output.yaml',
      ];
      const samples = await Promise.all(files.map(readSample));
      for (const sample of samples) create(kube, sample);
      const done = await Promise.all(samples.map((s) => waitForPhase(kube, s.metadata?.name ?? '', ['Succeeded', 'Failed'])));
      for (const object of done) expectConverted(object);
      const [retain, url, options, inline] = done;
      expect(retain.status?.result?.location).to.include({ type: 'Retained' });
      expect(url.status?.result?.location).to.deep.equal({
        type: 'URL',
        url: 'https://uploads.example.com/docs/slothcreator-markdown.zip',
      });
      expect(options.status?.result?.location?.type).to.equal('Retained');
      expect(inline.status?.result?.location).to.deep.equal({ type: 'ConfigMap', configMapName: 'docc-user-docs-markdown' });
    });

    it('sends configMap sources inline and writes configMap outputs owned by the DocConversion', async () => {
      await createArchiveConfigMap();
      const sample = create(kube, await readSample('configmap-source-configmap-output.yaml'));
      await waitForPhase(kube, 'docc-user-docs', ['Succeeded']);
      const submitted = converter.submissions.find((request) => 'inline' in request.source);
      expect(submitted?.output).to.deep.equal({ return: true });
      const output = kube.store.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: NAMESPACE,
        name: 'docc-user-docs-markdown',
      }) as unknown as { data: Record<string, string>; metadata: { ownerReferences: { uid: string; controller: boolean }[] } };
      expect(Object.keys(output.data).sort()).to.deep.equal(['documentation_slothcreator.md', 'index.md']);
      expect(output.data['index.md']).to.equal('# Index\n');
      expect(output.metadata.ownerReferences[0]).to.include({
        uid: get(kube, sample.metadata?.name ?? '')?.metadata?.uid,
        controller: true,
      });
    });

    it('records a Normal Converted event and never puts Markdown in the status', async () => {
      create(kube, conversion('evented'));
      const done = await waitForPhase(kube, 'evented', ['Succeeded']);
      expect(JSON.stringify(done.status)).not.to.include('# Index');
      await waitFor(() => eventsFor(kube, 'evented').some((e) => e.type === 'Normal' && e.reason === 'Converted'), {
        timeoutMs: 5000,
        description: 'Converted event',
      });
      expect(eventsFor(kube, 'evented').every((e) => e.type === 'Normal')).to.equal(true);
    });
  });

  describe('when the archive is not a DocC archive', () => {
    it('fails with InvalidArchive after one attempt and a Warning event', async () => {
      behaviours['not-docc'] = { error: { code: 'NOT_DOCC_ARCHIVE', message: 'The zip holds no DocC archive', permanent: true } };
      create(kube, conversion('not-docc'));
      const done = await waitForPhase(kube, 'not-docc', ['Succeeded', 'Failed']);
      expect(done.status).to.include({ phase: 'Failed', attempts: 1 });
      expect(reasonOf(done)).to.equal('InvalidArchive');
      expect(converter.submissions.filter((r) => 'url' in r.source && r.source.url.includes('not-docc'))).to.have.length(1);
      await waitFor(() => eventsFor(kube, 'not-docc').some((e) => e.type === 'Warning' && e.reason === 'InvalidArchive'), {
        timeoutMs: 5000,
      });
    });
  });

  describe('when the source is unreachable', () => {
    it('retries up to spec.retries with fresh job ids, then fails with RetriesExhausted', async () => {
      behaviours['unreachable'] = { error: { code: 'SOURCE_UNREACHABLE', message: 'Could not fetch the source', permanent: false } };
      create(kube, conversion('unreachable', { retries: 2 }));
      const done = await waitForPhase(kube, 'unreachable', ['Succeeded', 'Failed']);
      expect(done.status).to.include({ phase: 'Failed', attempts: 3 });
      expect(reasonOf(done)).to.equal('RetriesExhausted');
      const ids = new Set(converter.submissions.filter((r) => 'url' in r.source && r.source.url.includes('unreachable')).map((r) => r.id));
      expect(ids.size).to.equal(3);
      const events = (): string[] => eventsFor(kube, 'unreachable').map((e) => `${e.type}/${e.reason}`);
      await waitFor(() => events().includes('Warning/RetriesExhausted'), { timeoutMs: 5000, description: 'RetriesExhausted event' });
      expect(events()).to.include('Warning/Retrying');
    });
  });

  describe('when an attempt outlives timeoutSeconds', () => {
    it('fails with TimedOut and asks the pool to drop the job', async () => {
      behaviours['slow'] = { delayMs: 5000 };
      create(kube, conversion('slow', { timeoutSeconds: 1, retries: 2 }));
      const done = await waitForPhase(kube, 'slow', ['Succeeded', 'Failed']);
      expect(done.status).to.include({ phase: 'Failed', attempts: 1 });
      expect(reasonOf(done)).to.equal('TimedOut');
      await waitFor(() => converter.count('DELETE') > 0, { timeoutMs: 5000 });
    });
  });

  describe('when a DocConversion is deleted during a run', () => {
    it('cancels the job in the pool and lets the object go', async () => {
      behaviours['doomed'] = { delayMs: 3000 };
      create(kube, conversion('doomed'));
      const running = await waitForPhase(kube, 'doomed', ['Running']);
      kube.store.delete({ apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion', namespace: NAMESPACE, name: 'doomed' });
      await waitFor(() => get(kube, 'doomed') === undefined, { timeoutMs: 5000, description: 'doomed gone' });
      expect(converter.jobs.has(running.status?.jobId ?? '')).to.equal(false);
    });
  });

  describe('when a finished DocConversion is deleted and the pool is unreachable', () => {
    it('removes the finalizer after the bounded wait so the object never hangs', async () => {
      create(kube, conversion('orphan'));
      await waitForPhase(kube, 'orphan', ['Succeeded']);
      await converter.close();
      converter = await new FakeConverter().start();
      kube.store.delete({ apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion', namespace: NAMESPACE, name: 'orphan' });
      await waitFor(() => get(kube, 'orphan') === undefined, { timeoutMs: 10_000, description: 'orphan gone' });
    });
  });

  describe('when a finished DocConversion has ttlSecondsAfterFinished', () => {
    it('is deleted after the TTL', async () => {
      create(kube, conversion('short-lived', { ttlSecondsAfterFinished: 1 }));
      await waitForPhase(kube, 'short-lived', ['Succeeded']);
      await waitFor(() => get(kube, 'short-lived') === undefined, { timeoutMs: 10_000, description: 'short-lived gone' });
    });
  });

  describe('when the Markdown of a configMap output exceeds 1 MiB', () => {
    it('fails with OutputTooLarge at once', async () => {
      behaviours['huge'] = { files: { 'markdown/a.md': 'a'.repeat(700_000), 'markdown/b.md': 'b'.repeat(700_000) } };
      create(kube, conversion('huge', { output: { configMap: { name: 'huge-md' } } }));
      const done = await waitForPhase(kube, 'huge', ['Succeeded', 'Failed']);
      expect(done.status).to.include({ phase: 'Failed', attempts: 1 });
      expect(reasonOf(done)).to.equal('OutputTooLarge');
      expect(kube.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NAMESPACE, name: 'huge-md' })).to.equal(undefined);
    });
  });
});
