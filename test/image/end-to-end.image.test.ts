// Both programs from the image at once: the operator container watches the Kubernetes API test
// server (in this process) through a read-only kubeconfig and dispatches a DocConversion to the
// converter container, which downloads the archive from a local fixture server. Pool management is
// off (CONVERTER_URL is set), as when the operator runs against an existing converter.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { KubeApiServer } from '../kube-apiserver/server.ts';
import { FixtureServer } from '../operator/support/fixture-server.ts';
import { conversion, create, reasonOf, startApiServer, waitForPhase } from '../operator/support/harness.ts';
import { kubeconfigYaml } from '../operator/support/kubeconfig.ts';
import { SERVICE_FIXTURES } from '../support/paths.ts';
import { Container, containerName, freePort, requireImage } from './support/podman.ts';

describe('image: operator and converter containers end to end', function () {
  this.timeout(240_000);
  let kube: KubeApiServer;
  let fixtures: FixtureServer;
  let converter: Container;
  let operator: Container;
  let dir: string;
  const ports = { converter: 0, probe: 0, metrics: 0 };

  before(async () => {
    await requireImage();
    kube = await startApiServer();
    fixtures = await new FixtureServer().start();
    dir = await mkdtemp(path.join(tmpdir(), 'image-e2e-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(kubeconfig, kubeconfigYaml(kube.url));
    await chmod(kubeconfig, 0o644); // read by uid 10001 in the container
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();

    converter = new Container(containerName('e2e-converter'), {
      env: { PORT: String(ports.converter), OUTBOUND_ALLOW_LIST: '127.0.0.1', LOG_LEVEL: 'warn' },
      args: ['converter'],
    });
    operator = new Container(containerName('e2e-operator'), {
      env: {
        KUBECONFIG: '/etc/docc2context/kubeconfig',
        CONVERTER_URL: `http://127.0.0.1:${ports.converter}`,
        POD_NAMESPACE: 'docc2context-system',
        PROBE_PORT: String(ports.probe),
        METRICS_PORT: String(ports.metrics),
      },
      args: ['operator', '--leader-elect=true'],
      flags: ['--volume', `${kubeconfig}:/etc/docc2context/kubeconfig:ro`],
    });
    await converter.waitFor(`http://127.0.0.1:${ports.converter}/readyz`);
    await operator.waitFor(`http://127.0.0.1:${ports.probe}/readyz`);
  });
  after(async () => {
    await operator?.remove();
    await converter?.remove();
    await fixtures?.close();
    await kube?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('when a DocConversion is created', () => {
    it('is converted by the converter container and reported Succeeded', async () => {
      const zip = await readFile(path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'));
      create(kube, conversion('from-the-image', { source: { url: fixtures.serve('/specificationcore.zip', zip) } }));
      const done = await waitForPhase(kube, 'from-the-image', ['Succeeded', 'Failed'], 180_000);
      expect(reasonOf(done)).to.equal('Converted');
      expect(done.status?.result).to.include({ engine: 'builtin' });
      expect(done.status?.result?.files).to.be.greaterThan(400);
      expect(fixtures.requests).to.include('GET /specificationcore.zip');
    });

    it('counts the reconcile in the operator metrics, and logs ECS JSON on stdout', async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${ports.metrics}/metrics`)).text();
      expect(metrics).to.match(/controller_runtime_reconcile_total\{controller="docconversion",result="success"\} [1-9]/);
      const lines = operator.jsonLines();
      for (const line of lines) expect(line).to.include.keys('@timestamp', 'log', 'message', 'ecs');
      expect(lines.map((line) => line.message)).to.include('Started operator');
    });
  });

  describe('when the operator is sent SIGTERM', () => {
    it('releases its work and exits 0', async () => {
      expect(await operator.stop(45)).to.equal(0);
      expect(operator.jsonLines().map((line) => line.message)).to.include('Stopped operator');
    });
  });
});
