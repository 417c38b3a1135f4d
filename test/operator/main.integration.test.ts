// The operator as it ships: `node operator/main.ts` in its own process (with the resolve hook
// that keeps client-node's generated API classes unloaded), against the Kubernetes API test
// server and the fake converter, configured only through its environment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { KubeApiServer } from '../kube-apiserver/server.ts';
import { runToExit, startLoggingProcess, type LoggingProcess } from '../support/logging-process.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { waitFor } from '../kube-apiserver/wait-for.ts';
import { FakeConverter } from './support/fake-converter.ts';
import { conversion, create, startApiServer, waitForPhase } from './support/harness.ts';
import { writeKubeconfig } from './support/kubeconfig.ts';

interface OperatorProcess extends LoggingProcess {
  ports: { probePort: number; metricsPort: number };
}

async function startOperatorProcess(env: Record<string, string>): Promise<OperatorProcess> {
  const started = await startLoggingProcess(
    path.join(REPO_ROOT, 'operator', 'main.ts'),
    { PROBE_PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', ...env },
    'Started operator',
  );
  const ports = (started.readyLine.docc2context ?? {}) as { probe_port: number; metrics_port: number };
  return { ...started, ports: { probePort: ports.probe_port, metricsPort: ports.metrics_port } };
}

async function httpGet(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${urlPath}`);
  return { status: response.status, body: await response.text() };
}

describe('operator main process', function () {
  this.timeout(90_000);
  let kube: KubeApiServer;
  let converter: FakeConverter;
  let dir: string;
  let operator: OperatorProcess | undefined;

  beforeEach(async () => {
    kube = await startApiServer();
    converter = await new FakeConverter().start();
    dir = await mkdtemp(path.join(tmpdir(), 'operator-main-'));
  });
  afterEach(async () => {
    if (operator && operator.child.exitCode === null) operator.child.kill('SIGKILL');
    await converter.close();
    await kube.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('when started from a kubeconfig with leader election', () => {
    it('becomes ready, converts a DocConversion, logs in ECS form with its keys, and exits 0 on SIGTERM', async () => {
      const kubeconfig = await writeKubeconfig(path.join(dir, 'kubeconfig'), kube.url);
      operator = await startOperatorProcess({
        KUBECONFIG: kubeconfig,
        CONVERTER_URL: converter.url,
        LEADER_ELECT: 'true',
        LEADER_ELECTION_NAMESPACE: 'docs',
      });
      const { probePort, metricsPort } = operator.ports;
      expect((await httpGet(probePort, '/healthz')).status).to.equal(200);

      create(kube, conversion('from-process'));
      const done = await waitForPhase(kube, 'from-process', ['Succeeded', 'Failed'], 60_000);
      expect(done.status?.phase).to.equal('Succeeded');
      expect((await httpGet(probePort, '/readyz')).status).to.equal(200);
      // The status write that made it Succeeded happens inside the reconcile; the reconcile is
      // counted when it returns, a moment later: wait for the count, do not race it.
      let metrics = '';
      const counted = /controller_runtime_reconcile_total\{controller="docconversion",result="success"\} [1-9]/;
      await waitFor(async () => counted.test((metrics = (await httpGet(metricsPort, '/metrics')).body)), {
        timeoutMs: 10_000,
        description: 'the successful reconcile counted',
      });
      expect(metrics).to.match(counted);
      expect(metrics).to.contain('leader_election_master_status');

      operator.child.kill('SIGTERM');
      expect(await operator.exited).to.equal(0);
      for (const line of operator.lines) expect(line).to.include.keys('@timestamp', 'log', 'message', 'service');
      const dispatched = operator.lines.find((line) => line.message === 'Dispatched conversion');
      expect(dispatched).to.deep.include({
        orchestrator: { namespace: 'docs', resource: { name: 'from-process', type: 'DocConversion' } },
      });
      expect(dispatched).to.have.nested.property('docc2context.reconcile.id');
    });
  });

  describe('when the configuration is invalid', () => {
    it('names every bad setting and exits 2 without starting', async () => {
      const { code, stderr } = await runToExit(path.join(REPO_ROOT, 'operator', 'main.ts'), {
        CONVERTER_URL: 'ftp://pool',
        DISPATCH_CONCURRENCY: 'many',
      });
      expect(code).to.equal(2);
      expect(stderr).to.contain('CONVERTER_URL').and.to.contain('DISPATCH_CONCURRENCY');
    });
  });
});
