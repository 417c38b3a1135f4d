// The converter as the image runs it in a restricted pod: a real conversion posted with curl,
// probes, metrics, ECS logs on stdout, and a clean exit on SIGTERM. Run by `make test-image`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { expect } from 'chai';
import { SERVICE_FIXTURES } from '../support/paths.ts';
import { Container, containerName, freePort, requireImage, run } from './support/podman.ts';

const FIXTURE = path.join(SERVICE_FIXTURES, 'SpecificationCore.doccarchive.zip');
const GRACE_SECONDS = 5;

describe('image: the converter container', function () {
  this.timeout(180_000);
  let container: Container;
  let base: string;
  let dir: string;

  before(async () => {
    await requireImage();
    dir = await mkdtemp(path.join(tmpdir(), 'image-converter-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    container = new Container(containerName('converter'), {
      env: { PORT: String(port), SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) },
      args: ['converter'],
    });
    await container.waitFor(`${base}/readyz`);
  });
  after(async () => {
    await container?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('when started read-only as a restricted pod runs it', () => {
    it('runs as uid and gid 10001, with nothing writable but /workspace', async () => {
      expect((await container.exec(['id', '-u'])).stdout.trim()).to.equal('10001');
      expect((await container.exec(['id', '-g'])).stdout.trim()).to.equal('10001');
      for (const target of ['/app/probe', '/tmp/probe', '/probe']) {
        const touched = await container.exec(['touch', target]);
        expect(touched.code, target).not.to.equal(0);
        expect(touched.stderr, target).to.include('Read-only file system');
      }
      expect((await container.exec(['touch', '/workspace/probe'])).code).to.equal(0);
      expect((await container.exec(['rm', '/workspace/probe'])).code).to.equal(0);
    });

    it('is ready, and reports the builtin engine only on /api/v1/health', async () => {
      expect((await fetch(`${base}/readyz`)).status).to.equal(200);
      const health = (await (await fetch(`${base}/api/v1/health`)).json()) as Record<string, unknown>;
      expect(health).to.include({ status: 'ready', engine: 'builtin', binary_detected: false });
      expect(health.checks).to.deep.equal({ engine: 'ok', swift_cli: 'not_used' });
    });
  });

  describe('when a zipped DocC archive is posted with curl', () => {
    let zip: AdmZip;
    let headers: string;

    before(async () => {
      const out = path.join(dir, 'markdown.zip');
      const curl = await run('curl', ['-fsS', '-D', '-', '-o', out, '-F', `file=@${FIXTURE}`, `${base}/api/v1/convert`], 120_000);
      expect(curl.code, curl.stderr).to.equal(0);
      headers = curl.stdout;
      zip = new AdmZip(out);
    });

    it('answers with a zip of the Markdown pages', () => {
      const files = zip
        .getEntries()
        .filter((e) => !e.isDirectory)
        .map((e) => e.entryName);
      expect(headers).to.match(/^X-Docc2context-Engine: builtin\r?$/im);
      const count = Number(/^X-Docc2context-Files: (\d+)\r?$/im.exec(headers)?.[1]);
      expect(files).to.have.length(count).and.to.include('markdown/documentation/specificationcore/index.md');
      expect(files.filter((name) => name.endsWith('.md')).length).to.be.greaterThan(400);
      expect(zip.readAsText('markdown/documentation/specificationcore/index.md')).to.match(/^# SpecificationCore/m);
    });

    it('counts the conversion in /metrics', async () => {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).to.match(/^docc2context_conversions_total\{result="success",engine="builtin"\} 1$/m);
      expect(metrics).to.match(/^docc2context_http_requests_total\{[^}]*route="\/api\/v1\/convert"[^}]*\} 1$/m);
    });

    it('logs every event as one ECS JSON line on stdout, the conversion included', () => {
      const lines = container.jsonLines();
      expect(lines.length).to.be.greaterThan(2);
      for (const line of lines) {
        expect(line).to.include.keys('@timestamp', 'log', 'message', 'ecs');
        expect((line.service as { name?: string } | undefined)?.name).to.equal('docc2context-converter');
      }
      expect(lines.map((line) => line.message)).to.include.members(['Started listening', 'Converted archive']);
    });
  });

  describe('when sent SIGTERM', () => {
    it('drains and exits 0 before podman would kill it', async () => {
      const code = await container.stop(GRACE_SECONDS + 15);
      expect(code).to.equal(0);
      const draining = container.jsonLines().find((l) => l.message === 'Started draining');
      expect(draining?.event).to.deep.include({ reason: 'SIGTERM' });
    });
  });
});
