// The `helm test` script (files/helm-test/convert.mjs) run as the test pod runs it — plain
// `node convert.mjs` — against the real converter in-process: it converts the chart's tiny
// archive, and it fails (exit 1, a clear message) when the pool refuses it.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHART_DIR } from '../../support/helm.ts';
import { startTestServer } from '../../support/http-server.ts';
import { freePort } from '../../support/redis.ts';
import type { TestServer } from '../../support/http-server.ts';
import { startRealConverter } from '../../operator/support/real-converter.ts';
import type { RealConverter } from '../../operator/support/real-converter.ts';

const SCRIPT = path.join(CHART_DIR, 'files/helm-test/convert.mjs');
const ARCHIVE = path.join(CHART_DIR, 'files/helm-test/archive.zip');
const run = promisify(execFile);

async function runScript(converterUrl: string): Promise<{ code: number; output: string }> {
  const env = { PATH: process.env.PATH, CONVERTER_URL: converterUrl, ARCHIVE_PATH: ARCHIVE, RETRY_SECONDS: '0' };
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT], { env, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('charts/docc2context helm test (convert.mjs)', function () {
  this.timeout(60_000);
  let converter: RealConverter;
  let refusing: TestServer;

  before(async () => {
    converter = await startRealConverter();
    refusing = await startTestServer((_request, res) => {
      res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_DOCC_ARCHIVE"}}');
    });
  });

  after(async () => {
    await converter?.close();
    await refusing?.close();
  });

  it('embeds a small zip', () => {
    expect(statSync(ARCHIVE).size).to.be.below(20 * 1024);
    expect(readFileSync(ARCHIVE).subarray(0, 4)).to.deep.equal(Buffer.from('PK\x03\x04', 'latin1'));
  });

  describe('when the pool converts the archive', () => {
    it('exits 0 and says how many bytes came back', async () => {
      const result = await runScript(converter.url);
      expect(result.code, result.output).to.equal(0);
      expect(result.output).to.match(/^Converted \d+ bytes through .*\/api\/v1\/convert: \d+ bytes of zip/);
    });
  });

  describe('when the pool refuses the archive', () => {
    it('exits 1 with the status it got', async () => {
      const result = await runScript(refusing.url);
      expect(result.code).to.equal(1);
      expect(result.output).to.include('failed: 422');
    });
  });

  describe('when nothing listens', () => {
    it('exits 1 once its retry time is over', async () => {
      const result = await runScript(`http://127.0.0.1:${await freePort()}`);
      expect(result.code).to.equal(1);
      expect(result.output).to.match(/failed: ECONNREFUSED/);
    });
  });
});
