import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { runToExit, startLoggingProcess, type LoggingProcess } from '../../support/logging-process.ts';
import { REPO_ROOT, SERVICE_FIXTURES } from '../../support/paths.ts';
import { readZip } from '../server/support-e2e.ts';
import { tempBase } from '../server/support.ts';
import { delay } from '../../../common/delay.ts';

interface Started extends LoggingProcess {
  port: number;
}

async function startMain(env: Record<string, string>): Promise<Started> {
  const started = await startLoggingProcess(
    path.join(REPO_ROOT, 'converter/app/main.ts'),
    { PORT: '0', HOST: '127.0.0.1', ENGINE: 'builtin', ...env },
    'Started listening',
  );
  return { ...started, port: (started.readyLine.server as { port: number }).port };
}

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** POSTs `zip`; with `restSent`, only the first half goes out until that promise settles. */
function postZip(port: number, zip: Buffer, restSent?: Promise<void>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/convert',
        agent: false,
        headers: { 'Content-Type': 'application/zip', 'Content-Length': zip.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    if (!restSent) return void req.end(zip);
    const half = Math.floor(zip.length / 2);
    req.write(zip.subarray(0, half));
    void restSent.then(() => req.end(zip.subarray(half)));
  });
}

describe('converter main process', function () {
  this.timeout(120_000);
  let base: string;
  let started: Started | undefined;

  beforeEach(() => {
    base = tempBase();
  });
  afterEach(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill('SIGKILL');
      await started.exited;
    }
    fs.rmSync(base, { recursive: true, force: true });
  });

  describe('when SIGTERM arrives during a conversion', () => {
    it('turns not ready at once, keeps listening for the delay, then refuses new connections, finishes the in-flight requests, removes the workspaces and exits 0', async () => {
      started = await startMain({ WORKSPACE_BASE_PATH: base, SHUTDOWN_GRACE_SECONDS: '60', SHUTDOWN_DELAY_SECONDS: '1' });
      const { port } = started;
      expect((await get(port, '/readyz')).status).to.equal(200);
      const zip = fs.readFileSync(path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip'));
      const inFlight = postZip(port, zip);
      // Wait until the conversion is running in a worker.
      for (;;) {
        const metrics = await get(port, '/metrics');
        if (metrics.body.includes('docc2context_conversions_in_flight 1')) break;
        await delay(20);
      }
      // A second request whose upload is only half sent: it cannot finish before the drain starts.
      const firstWorkspaces = new Set(fs.readdirSync(base));
      let sendRest = (): void => undefined;
      const halfSent = postZip(port, zip, new Promise<void>((resolve) => (sendRest = resolve)));
      // Its workspace appearing means the server is reading its body.
      while (fs.readdirSync(base).every((name) => firstWorkspaces.has(name))) await delay(10);
      started.child.kill('SIGTERM');
      while (!started.lines.some((l) => l.message === 'Started draining')) await delay(10);
      // Still listening for SHUTDOWN_DELAY_SECONDS, so the endpoints drop the pod first: not ready, new work 503.
      expect((await get(port, '/readyz')).status).to.equal(503);
      const refusedWork = await postZip(port, zip);
      expect(refusedWork.status).to.equal(503);
      expect(JSON.parse(refusedWork.body.toString()).error.code).to.equal('NOT_READY');
      // Wait for "Stopped listening", logged only once the listening socket is closed (server.test.ts pins
      // that order): a connection now is refused. "Started draining" is logged while it still listens, so a
      // connection made on that line can be accepted into the backlog and reset by the close (ECONNRESET).
      while (!started.lines.some((l) => l.message === 'Stopped listening')) await delay(10);
      const refused = await get(port, '/healthz').then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      );
      expect(refused).to.equal('ECONNREFUSED');
      sendRest();

      for (const response of [await inFlight, await halfSent]) {
        expect(response.status).to.equal(200);
        expect((await readZip(response.body)).size).to.be.greaterThan(100);
      }
      expect(await started.exited).to.equal(0);
      expect(fs.readdirSync(base)).to.deep.equal([]);
      const messages = started.lines.map((l) => l.message);
      expect(messages).to.include.members([
        'Selected engine',
        'Started listening',
        'Started draining',
        'Stopped listening',
        'Converted archive',
        'Closed HTTP server',
      ]);
      expect(messages.lastIndexOf('Converted archive')).to.be.greaterThan(messages.indexOf('Started draining'));
      for (const line of started.lines) expect(line).to.include.keys('@timestamp', 'log', 'message', 'service');
    });
  });

  describe('when the configuration is invalid', () => {
    it('names every bad variable and exits 78 without listening', async () => {
      const { code, stderr } = await runToExit(path.join(REPO_ROOT, 'converter/app/main.ts'), { PORT: 'eighty', ENGINE: 'python' });
      expect(code).to.equal(78);
      expect(stderr).to.contain('PORT').and.to.contain('ENGINE');
    });
  });
});
