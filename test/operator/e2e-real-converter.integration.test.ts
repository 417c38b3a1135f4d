// End to end on one machine with the real converter: the Kubernetes API test server with the
// DocConversion CRD, the converter service as main.ts starts it (builtin engine, 2 workers, the
// real Redis), a local fixture server for sources and PUT uploads, and the operator.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConversionJobStatus } from '../../common/contract/conversion-job.ts';
import type { DocConversion } from '../../operator/api/docconversion.generated.ts';
import { configMapKeys } from '../../operator/controllers/docconversion/output-keys.ts';
import { isOutputFile } from '../../operator/dispatch/result-zip.ts';
import type { OperatorRuntime } from '../../operator/runtime.ts';
import type { KubeApiServer } from '../kube-apiserver/server.ts';
import { waitFor } from '../kube-apiserver/wait-for.ts';
import { readZip, zipUnder } from '../converter/server/support-e2e.ts';
import { DOCC_FIXTURES, SERVICE_FIXTURES } from '../support/paths.ts';
import { freePort } from '../support/redis.ts';
import { FixtureServer } from './support/fixture-server.ts';
import {
  DC,
  NAMESPACE,
  conversion,
  create,
  get,
  readSample,
  reasonOf,
  startApiServer,
  startOperator,
  waitForPhase,
} from './support/harness.ts';
import { startRealConverter } from './support/real-converter.ts';
import type { RealConverter } from './support/real-converter.ts';
import { sampleArchiveConfigMaps } from '../support/docconversion.ts';

interface ConfigMap {
  binaryData?: Record<string, string>;
  data?: Record<string, string>;
  metadata: { ownerReferences?: { uid: string; controller?: boolean; kind: string }[] };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function docc(name: string): Promise<Buffer> {
  return zipUnder(path.join(DOCC_FIXTURES, `${name}.doccarchive`), `${name}.doccarchive`);
}

/** The Markdown files of a result zip, by path. */
async function markdownOf(zip: Buffer): Promise<Map<string, string>> {
  const tree = await readZip(zip);
  return new Map([...tree].filter(([file]) => isOutputFile(file)).map(([file, bytes]) => [file, bytes.toString('utf8')]));
}

function expectConverted(object: DocConversion): void {
  const name = object.metadata?.name;
  expect(object.status, name).to.include({ phase: 'Succeeded', attempts: 1, observedGeneration: 1 });
  expect(reasonOf(object), name).to.equal('Converted');
  const result = object.status?.result;
  expect(result?.engine, name).to.equal('builtin');
  expect(result?.sha256, name).to.match(/^[0-9a-f]{64}$/);
  expect(result?.files, name).to.be.greaterThan(0);
  expect(result?.bytes, name).to.be.greaterThan(0);
  expect(result?.counts, name).to.have.all.keys('volumes', 'chapters', 'articles', 'symbols', 'tutorials');
}

describe('DocConversion operator (end to end, real converter)', function () {
  this.timeout(120_000);
  let kube: KubeApiServer;
  let converter: RealConverter;
  let fixtures: FixtureServer;
  let operator: OperatorRuntime | undefined;
  let articleZip: Buffer;
  let tutorialZip: Buffer;

  before(async () => {
    [articleZip, tutorialZip] = await Promise.all([docc('ArticleReference'), docc('TutorialCatalog')]);
    kube = await startApiServer();
    converter = await startRealConverter();
    fixtures = await new FixtureServer().start();
    operator = await startOperator(kube, converter.url);
  });

  after(async () => {
    await operator?.stop();
    await fixtures?.close();
    await converter?.close();
    await kube?.close();
  });

  async function retained(object: DocConversion): Promise<Response> {
    return fetch(`${converter.url}${object.status?.result?.location?.path ?? '/missing'}`);
  }

  /** The converter's own record of the DocConversion's job. */
  async function jobOf(object: DocConversion): Promise<ConversionJobStatus> {
    const response = await fetch(`${converter.url}/api/v1/conversions/${encodeURIComponent(object.status?.jobId ?? '')}`);
    expect(response.status, `job of ${object.metadata?.name}`).to.equal(200);
    return (await response.json()) as ConversionJobStatus;
  }

  /** status.result carries the job's summary unchanged. */
  async function expectResultOfJob(object: DocConversion): Promise<void> {
    const job = await jobOf(object);
    const result = object.status?.result;
    expect(job.state).to.equal('succeeded');
    expect(result).to.deep.include({
      sha256: job.sha256,
      bytes: job.bytes,
      engine: job.engine,
      cacheHit: job.cacheHit,
      counts: job.counts,
    });
  }

  function configMap(name: string): ConfigMap | undefined {
    return kube.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NAMESPACE, name }) as unknown as ConfigMap | undefined;
  }

  describe('when every sample is applied', () => {
    let done: Record<string, DocConversion>;

    before(async () => {
      for (const configMap of sampleArchiveConfigMaps(NAMESPACE, articleZip)) kube.store.create(configMap as never);
      const retain = await readSample('url-retain.yaml');
      retain.spec.source.url = fixtures.serve('/archives/SlothCreator.doccarchive.zip', articleZip);
      const pinned = await readSample('url-sha256-url-output.yaml');
      pinned.spec.source = {
        url: fixtures.serve('/archives/pinned/SlothCreator.doccarchive.zip', tutorialZip),
        sha256: sha256(tutorialZip),
      };
      pinned.spec.output = { url: `${fixtures.url}/uploads/docs/slothcreator-markdown.zip?X-Signature=abc123` };
      const samples = [
        retain,
        pinned,
        await readSample('configmap-source-retain-options.yaml'),
        await readSample('configmap-source-configmap-output.yaml'),
      ];
      for (const sample of samples) create(kube, sample);
      const finished = await Promise.all(samples.map((s) => waitForPhase(kube, s.metadata?.name ?? '', ['Succeeded', 'Failed'], 60_000)));
      done = Object.fromEntries(finished.map((object) => [object.metadata?.name ?? '', object]));
    });

    it('brings each to Succeeded with a builtin result', () => {
      expect(Object.keys(done)).to.have.members(['slothcreator', 'slothcreator-pinned', 'slothcreator-options', 'docc-user-docs']);
      for (const object of Object.values(done)) expectConverted(object);
    });

    it('keeps retained results downloadable from the converter, matching the status', async () => {
      for (const object of [done['slothcreator'], done['slothcreator-options']]) {
        const response = await retained(object);
        expect(response.status, object.metadata?.name).to.equal(200);
        const zip = Buffer.from(await response.arrayBuffer());
        const result = object.status?.result;
        expect(result?.location?.type).to.equal('Retained');
        expect({ sha256: sha256(zip), bytes: zip.length }).to.deep.equal({ sha256: result?.sha256, bytes: result?.bytes });
        // Retained and uploaded zips count every file (Markdown and metadata).
        expect((await readZip(zip)).size).to.equal(result?.files);
        expect((await markdownOf(zip)).size).to.be.greaterThan(0);
      }
      await expectResultOfJob(done['slothcreator']);
      await expectResultOfJob(done['slothcreator-options']);
    });

    it('PUTs the exact zip to the url output and reports the url without its query', async () => {
      const result = done['slothcreator-pinned'].status?.result;
      const uploaded = fixtures.uploads.get('/uploads/docs/slothcreator-markdown.zip');
      expect(uploaded, 'uploaded zip').to.not.equal(undefined);
      expect({ sha256: sha256(uploaded as Buffer), bytes: uploaded?.length }).to.deep.equal({
        sha256: result?.sha256,
        bytes: result?.bytes,
      });
      expect(result?.location).to.deep.equal({ type: 'URL', url: `${fixtures.url}/uploads/docs/slothcreator-markdown.zip` });
      expect((await readZip(uploaded as Buffer)).size).to.equal(result?.files);
      await expectResultOfJob(done['slothcreator-pinned']);
    });

    it('writes the Markdown files to the output ConfigMap, owned by the DocConversion', async () => {
      const object = done['docc-user-docs'];
      const output = configMap('docc-user-docs-markdown');
      expect(object.status?.result?.location).to.deep.equal({ type: 'ConfigMap', configMapName: 'docc-user-docs-markdown' });
      expect(output?.metadata.ownerReferences?.[0]).to.include({ kind: 'DocConversion', uid: object.metadata?.uid, controller: true });
      // The same archive and options through the job API answer the zip the operator unpacked.
      const response = await fetch(`${converter.url}/api/v1/conversions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'e2e-check-inline', source: { inline: articleZip.toString('base64') }, output: { return: true } }),
      });
      const job = (await response.json()) as ConversionJobStatus;
      const zip = Buffer.from(job.location?.kind === 'inline' ? job.location.zipBase64 : '', 'base64');
      expect(sha256(zip)).to.equal(object.status?.result?.sha256);
      const markdown = await markdownOf(zip);
      const keys = configMapKeys([...markdown.keys()]);
      const expected = Object.fromEntries([...markdown].map(([file, text]) => [keys.get(file), text]));
      expect(output?.data).to.deep.equal(expected);
      expect(Object.keys(expected)).to.have.length(object.status?.result?.files ?? -1);
    });
  });

  describe('when the source is not a DocC archive', () => {
    it('fails with InvalidArchive after one attempt', async () => {
      const url = fixtures.serve('/archives/not-docc.zip', await readFile(path.join(SERVICE_FIXTURES, 'negative', 'valid.zip')));
      create(kube, conversion('not-docc', { source: { url }, retries: 2 }));
      const done = await waitForPhase(kube, 'not-docc', ['Succeeded', 'Failed'], 30_000);
      expect(done.status).to.include({ phase: 'Failed', attempts: 1 });
      expect(reasonOf(done)).to.equal('InvalidArchive');
      expect(fixtures.count('GET /archives/not-docc.zip')).to.equal(1);
    });
  });

  describe('when the source is unreachable', () => {
    it('retries, then fails with RetriesExhausted', async () => {
      const url = `http://127.0.0.1:${await freePort()}/archives/gone.zip`;
      create(kube, conversion('unreachable', { source: { url }, retries: 1 }));
      const done = await waitForPhase(kube, 'unreachable', ['Succeeded', 'Failed'], 30_000);
      expect(done.status).to.include({ phase: 'Failed', attempts: 2 });
      expect(reasonOf(done)).to.equal('RetriesExhausted');
    });
  });

  describe('when the same archive is converted twice', () => {
    it('answers the second from the cache with the same result', async () => {
      const zip = await readFile(path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'));
      const url = fixtures.serve('/archives/SpecificationCore.doccarchive.zip', zip);
      create(kube, conversion('spec-first', { source: { url } }));
      const first = await waitForPhase(kube, 'spec-first', ['Succeeded', 'Failed'], 90_000);
      create(kube, conversion('spec-second', { source: { url } }));
      const second = await waitForPhase(kube, 'spec-second', ['Succeeded', 'Failed'], 30_000);
      expectConverted(first);
      expectConverted(second);
      expect(first.status?.result?.cacheHit).to.equal(false);
      expect(second.status?.result?.cacheHit).to.equal(true);
      expect(second.status?.result?.sha256).to.equal(first.status?.result?.sha256);
      expect(second.status?.result?.counts).to.deep.equal(first.status?.result?.counts);
    });
  });

  describe('when a retained DocConversion is deleted', () => {
    it('removes its result from the converter', async () => {
      create(kube, conversion('short-lived', { source: { url: fixtures.serve('/archives/short-lived.zip', tutorialZip) } }));
      const done = await waitForPhase(kube, 'short-lived', ['Succeeded', 'Failed'], 30_000);
      expectConverted(done);
      expect((await retained(done)).status).to.equal(200);
      kube.store.delete({ ...DC, namespace: NAMESPACE, name: 'short-lived' });
      await waitFor(() => get(kube, 'short-lived') === undefined, { timeoutMs: 10_000, description: 'short-lived gone' });
      expect((await retained(done)).status).to.equal(404);
    });
  });

  describe('when an attempt runs past timeoutSeconds', () => {
    it('fails with TimedOut and removes the job from the converter', async () => {
      const source = '/archives/stuck.zip';
      fixtures.hold(source);
      create(kube, conversion('stuck', { source: { url: fixtures.serve(source, tutorialZip) }, timeoutSeconds: 2 }));
      await waitFor(() => fixtures.count(`GET ${source}`) === 1, { timeoutMs: 10_000, description: 'source requested' });
      const running = await waitForPhase(kube, 'stuck', ['Running']);
      const jobUrl = `${converter.url}/api/v1/conversions/${encodeURIComponent(running.status?.jobId ?? '')}`;
      expect((await fetch(jobUrl)).status, 'job in the converter while it runs').to.equal(200);
      const done = await waitForPhase(kube, 'stuck', ['Succeeded', 'Failed'], 30_000);
      expect(done.status).to.include({ phase: 'Failed', attempts: 1 });
      expect(reasonOf(done)).to.equal('TimedOut');
      // The converter discards a deleted job when it ends: let it end, then it must be gone
      // (without the operator's DELETE it would be stored as succeeded).
      fixtures.open(source);
      await waitFor(async () => (await fetch(jobUrl)).status === 404, { timeoutMs: 10_000, description: 'job deleted' });
      expect((await fetch(`${jobUrl}/result.zip`)).status).to.equal(404);
    });
  });

  describe('when the operator is restarted mid-run', () => {
    it('completes the same job through the job API idempotency, converting once', async () => {
      const source = '/archives/slow.zip';
      fixtures.hold(source);
      create(kube, conversion('survivor', { source: { url: fixtures.serve(source, tutorialZip) } }));
      // The converter is fetching the source: the job runs in the pool.
      await waitFor(() => fixtures.count(`GET ${source}`) === 1, { timeoutMs: 10_000, description: 'source requested' });
      const running = await waitForPhase(kube, 'survivor', ['Running']);
      await operator?.stop();
      operator = await startOperator(kube, converter.url, { identity: 'operator-1' });
      fixtures.open(source);
      const done = await waitForPhase(kube, 'survivor', ['Succeeded', 'Failed'], 30_000);
      expectConverted(done);
      expect(done.status?.jobId).to.equal(running.status?.jobId);
      expect(fixtures.count(`GET ${source}`)).to.equal(1);
      expect((await retained(done)).status).to.equal(200);
    });
  });
});

describe('DocConversion operator (end to end, real converter rate-limiting the operator)', function () {
  this.timeout(60_000);
  let kube: KubeApiServer;
  let converter: RealConverter;
  let fixtures: FixtureServer;
  let operator: OperatorRuntime | undefined;

  before(async () => {
    kube = await startApiServer();
    // One job POST per second for the operator's address: a burst is mostly refused with 429.
    converter = await startRealConverter({ RATE_LIMIT_REQUESTS: '1', RATE_LIMIT_WINDOW_SECONDS: '1' });
    fixtures = await new FixtureServer().start();
    operator = await startOperator(kube, converter.url);
  });

  after(async () => {
    await operator?.stop();
    await fixtures?.close();
    await converter?.close();
    await kube?.close();
  });

  describe('when a burst of conversions exceeds the rate limit', () => {
    it('waits out the refusals without spending attempts, and converts every one', async () => {
      const url = fixtures.serve('/archives/burst.zip', await docc('TutorialCatalog'));
      const names = ['burst-0', 'burst-1', 'burst-2', 'burst-3'];
      for (const name of names) create(kube, conversion(name, { source: { url }, retries: 0 }));
      const done = await Promise.all(names.map((name) => waitForPhase(kube, name, ['Succeeded', 'Failed'], 30_000)));
      for (const object of done) expectConverted(object);
    });
  });
});
