// The README's cluster quick start, command for command, with the real kubectl 1.33 (`make tools`)
// against the Kubernetes API test server, the real converter and the operator in process. It keeps
// the test server faithful to what kubectl sends: discovery, OpenAPI v3 (server-side strict field
// validation), protobuf bodies, Tables for `kubectl get`, and watches for `kubectl wait`.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperatorRuntime } from '../../operator/runtime.ts';
import { startKubeApiServer, type KubeApiServer } from '../kube-apiserver/server.ts';
import { startOperator } from '../operator/support/harness.ts';
import { startRealConverter, type RealConverter } from '../operator/support/real-converter.ts';
import { KUBECTL, runTool, type RunResult } from '../support/helm.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { makeTempDir, type TempDir } from '../support/tmp.ts';

const ARCHIVE = 'crds/samples/archives/DocCUserDocs.doccarchive.zip';
const CM = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' } as const;
const DC = { apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion', namespace: 'default' } as const;

interface ConfigMapLike {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

describe('README cluster quick start (real kubectl 1.33)', function () {
  this.timeout(180_000);
  let kube: KubeApiServer;
  let converter: RealConverter;
  let operator: OperatorRuntime | undefined;
  let tmp: TempDir;

  /** Runs kubectl against the test server, with its own kubeconfig and discovery cache. */
  function kubectl(...args: string[]): Promise<RunResult> {
    return runTool(KUBECTL, [`--kubeconfig=${tmp.join('kubeconfig')}`, `--cache-dir=${tmp.join('cache')}`, ...args]);
  }

  async function succeed(...args: string[]): Promise<string> {
    const result = await kubectl(...args);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
    return result.stdout;
  }

  before(async () => {
    tmp = makeTempDir('kubectl');
    kube = await startKubeApiServer();
    // kubectl reads a kubeconfig file: the server's own (http://127.0.0.1:<port>, a dummy token).
    writeFileSync(tmp.join('kubeconfig'), kube.kubeConfig('default').exportConfig());
    converter = await startRealConverter();
  });

  after(async () => {
    await operator?.stop();
    await converter?.close();
    await kube?.close();
    tmp?.remove();
  });

  describe('when the CRD is applied (kubectl apply -f crds/docconversion.yaml)', () => {
    it('creates it and it becomes Established', async () => {
      expect(await succeed('apply', '-f', 'crds/docconversion.yaml')).to.include(
        'customresourcedefinition.apiextensions.k8s.io/docconversions.docc2context.io created',
      );
      const waited = await succeed('wait', '--for=condition=Established', 'crd/docconversions.docc2context.io', '--timeout=30s');
      expect(waited).to.include('condition met');
    });
  });

  describe('when the archive ConfigMap is created from the file', () => {
    it('stores the zip byte for byte as binaryData', async () => {
      const out = await succeed('create', 'configmap', 'docc-user-docs-archive', '-n', 'default', `--from-file=archive.zip=${ARCHIVE}`);
      expect(out.trim()).to.equal('configmap/docc-user-docs-archive created');
      const stored = kube.store.get({ ...CM, name: 'docc-user-docs-archive' }) as unknown as ConfigMapLike;
      const zip = await readFile(path.join(REPO_ROOT, ARCHIVE));
      expect(stored.data ?? {}).to.deep.equal({});
      expect(Buffer.from(stored.binaryData?.['archive.zip'] ?? '', 'base64').equals(zip)).to.equal(true);
    });
  });

  describe('when the sample DocConversion is applied', () => {
    it('creates it with the last-applied-configuration annotation', async () => {
      const out = await succeed('apply', '-n', 'default', '-f', 'crds/samples/configmap-source-configmap-output.yaml');
      expect(out.trim()).to.equal('docconversion.docc2context.io/docc-user-docs created');
      const stored = kube.store.get({ ...DC, name: 'docc-user-docs' });
      const annotation = stored?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '{}';
      expect(JSON.parse(annotation)).to.deep.include({ apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion' });
      expect((JSON.parse(annotation) as { spec: unknown }).spec).to.deep.equal({
        source: { configMap: { name: 'docc-user-docs-archive', key: 'archive.zip' } },
        output: { configMap: { name: 'docc-user-docs-markdown' } },
      });
    });
  });

  describe('when kubectl waits for condition Succeeded', () => {
    before(async () => {
      // The operator starts with its CRD served, as in a cluster after `helm install`.
      operator = await startOperator(kube, converter.url);
    });

    it('exits 0 once the operator has converted it', async () => {
      const out = await succeed('wait', '-n', 'default', '--for=condition=Succeeded', 'dconv/docc-user-docs', '--timeout=5m');
      expect(out.trim()).to.equal('docconversion.docc2context.io/docc-user-docs condition met');
    });
  });

  describe('when kubectl gets the DocConversions -o wide', () => {
    it('prints the printer columns with phase Succeeded, the file count and the reason', async () => {
      const lines = (await succeed('get', '-n', 'default', 'dconv', '-o', 'wide')).trim().split('\n');
      expect(lines[0].split(/\s+/)).to.deep.equal(['NAME', 'PHASE', 'FILES', 'DURATION', 'AGE', 'REASON']);
      const [name, phase, files, , , reason] = lines[1].split(/\s+/);
      const stored = (kube.store.get({ ...DC, name: 'docc-user-docs' })?.status as { result?: { files?: number } }).result?.files;
      expect({ name, phase, reason }).to.deep.equal({ name: 'docc-user-docs', phase: 'Succeeded', reason: 'Converted' });
      expect(Number(files)).to.be.greaterThan(0).and.to.equal(stored);
    });
  });

  describe('when kubectl reads llms.txt with a jsonpath', () => {
    it('prints the llms.txt of the output ConfigMap', async () => {
      const out = await succeed('get', '-n', 'default', 'configmap', 'docc-user-docs-markdown', '-o', 'jsonpath={.data.llms\\.txt}');
      const stored = kube.store.get({ ...CM, name: 'docc-user-docs-markdown' }) as unknown as ConfigMapLike;
      expect(out).to.match(/^# \S/);
      expect(out).to.equal(stored.data?.['llms.txt']);
    });
  });

  describe('when a ConfigMap is created from a file over 1 MiB', () => {
    it('is refused with the API server message, and nothing is stored', async () => {
      writeFileSync(tmp.join('big.zip'), Buffer.alloc(1024 * 1024 + 1, 7));
      const result = await kubectl('create', 'configmap', 'too-big', '-n', 'default', `--from-file=archive.zip=${tmp.join('big.zip')}`);
      expect(result.code).to.equal(1);
      expect(result.stderr.trim()).to.equal(
        'error: failed to create configmap: ConfigMap "too-big" is invalid: []: Too long: may not be more than 1048576 bytes',
      );
      expect(kube.store.get({ ...CM, name: 'too-big' })).to.equal(undefined);
    });
  });

  describe('when a DocConversion with a misspelt field is applied (kubectl --validate=strict, the default)', () => {
    it('is refused by the server with the strict decoding error, and nothing is stored', async () => {
      const sample = await readFile(path.join(REPO_ROOT, 'crds/samples/configmap-source-configmap-output.yaml'), 'utf8');
      const typo = sample
        .replace('name: docc-user-docs\n', 'name: typo\n')
        .replace('      key: archive.zip\n', '      key: archive.zip\n      keys: archive.zip\n');
      writeFileSync(tmp.join('typo.yaml'), typo);
      const result = await kubectl('apply', '-n', 'default', '-f', tmp.join('typo.yaml'));
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(
        'DocConversion in version "v1alpha1" cannot be handled as a DocConversion: strict decoding error: unknown field "spec.source.configMap.keys"',
      );
      expect(kube.store.get({ ...DC, name: 'typo' })).to.equal(undefined);
    });
  });
});
