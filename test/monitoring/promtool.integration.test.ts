// Runs Prometheus's own tooling on the monitoring files: `promtool check rules` on the alert
// rules and on the dashboard's queries, `promtool test rules` on test/monitoring/rules/.
// promtool comes from Debian's `prometheus` package (`make promtool` installs it when missing).
import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { makeTempDir, type TempDir } from '../support/tmp.ts';
import { ALERTS_PATH, dashboardQueries, readDashboard, RULE_TESTS_DIR } from './support/files.ts';

interface Run {
  code: number;
  output: string;
}

function promtool(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('promtool', args, { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('promtool is missing: run `make promtool` (Debian package prometheus)'));
        return;
      }
      const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Grafana's variables replaced by what Prometheus would receive. */
function asPrometheusQuery(expr: string): string {
  return expr.replaceAll('$__rate_interval', '5m').replaceAll('$namespace', '.*');
}

function writeRecordingRules(dir: TempDir, name: string, exprs: string[]): string {
  const file = dir.join(name);
  const rules = exprs.map((expr, index) => ({ record: `dashboard:query_${index}`, expr }));
  writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
  return file;
}

describe('promtool on the monitoring files', () => {
  let dir: TempDir;
  before(() => {
    dir = makeTempDir('promtool');
  });
  after(() => dir.remove());

  describe('when it checks the alert rules', () => {
    it('accepts every rule', async () => {
      const run = await promtool(['check', 'rules', ALERTS_PATH]);
      expect(run.output).to.match(/SUCCESS: \d+ rules found/);
      expect(run.code, run.output).to.equal(0);
    });
  });

  describe('when it runs the rule unit tests', () => {
    it('passes every test in test/monitoring/rules', async () => {
      const files = readdirSync(RULE_TESTS_DIR)
        .filter((file) => file.endsWith('.test.yaml'))
        .map((file) => path.join(RULE_TESTS_DIR, file));
      expect(files.length).to.be.greaterThan(0);
      const run = await promtool(['test', 'rules', ...files]);
      expect(run.code, run.output).to.equal(0);
      expect(run.output).not.to.include('FAILED');
    });
  });

  describe('when it parses the dashboard queries', () => {
    it('accepts every query', async () => {
      const exprs = dashboardQueries(readDashboard()).map(({ expr }) => asPrometheusQuery(expr));
      const run = await promtool(['check', 'rules', writeRecordingRules(dir, 'dashboard.yaml', exprs)]);
      expect(run.code, run.output).to.equal(0);
      expect(run.output).to.include(`SUCCESS: ${exprs.length} rules found`);
    });

    it('would refuse a query that does not parse', async () => {
      const run = await promtool([
        'check',
        'rules',
        writeRecordingRules(dir, 'broken.yaml', ['sum(rate(docc2context_http_requests_total[5m])']),
      ]);
      expect(run.code).to.not.equal(0);
    });
  });
});
