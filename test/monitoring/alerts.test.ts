import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { CONVERSIONS_PATH } from '../../converter/jobs/routes.ts';
import { alerts, headingAnchors, readRules, RULE_TESTS_DIR, RUNBOOK_BASE_URL, RUNBOOK_PATH } from './support/files.ts';

interface RuleTest {
  name?: string;
  alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[];
}

function ruleTests(): RuleTest[] {
  return readdirSync(RULE_TESTS_DIR)
    .filter((file) => file.endsWith('.test.yaml'))
    .flatMap((file) => (parse(readFileSync(path.join(RULE_TESTS_DIR, file), 'utf8')) as { tests: RuleTest[] }).tests);
}

/** Alert names with at least one evaluation expecting it to fire (firing) or to stay silent. */
function evaluatedAlerts(): { firing: Set<string>; silent: Set<string> } {
  const firing = new Set<string>();
  const silent = new Set<string>();
  for (const evaluation of ruleTests().flatMap((test) => test.alert_rule_test ?? [])) {
    (evaluation.exp_alerts?.length ? firing : silent).add(evaluation.alertname);
  }
  return { firing, silent };
}

const REQUIRED = [
  'HighErrorRate',
  'ExtractionFailures',
  'MemoryExhaustion',
  'CPUExhaustion',
  'ServiceDown',
  'RateLimitTriggers',
  'ValidationFailureSpike',
  'OperatorReconcileErrors',
  'ConversionsStuckPending',
  'PoolBelowMinimum',
];

describe('the alert rules (charts/docc2context/files/alerts.yaml)', () => {
  describe('when the file is read as a Prometheus rule file', () => {
    it('has top-level groups with uniquely named rules', () => {
      const rules = readRules();
      expect(rules.groups.length).to.be.greaterThan(0);
      const names = rules.groups.flatMap((group) => group.rules).map((rule) => rule.alert ?? rule.record);
      expect(new Set(names).size).to.equal(names.length);
    });

    it('holds every alert of the operations guide and the operator alerts', () => {
      expect(alerts().map((rule) => rule.alert)).to.have.members(REQUIRED);
    });
  });

  describe('when each alert is inspected', () => {
    for (const rule of alerts()) {
      it(`${rule.alert} has a severity, a summary, a description and its own runbook section`, () => {
        expect(rule.labels?.severity).to.be.oneOf(['critical', 'warning', 'info']);
        expect(rule.annotations?.summary).to.be.a('string').and.not.be.empty;
        expect(rule.annotations?.description).to.be.a('string').and.not.be.empty;
        expect(rule.annotations?.runbook_url).to.equal(`${RUNBOOK_BASE_URL}#${rule.alert.toLowerCase()}`);
      });
    }

    it('points every runbook_url at a heading of docs/operations.md', () => {
      const anchors = headingAnchors(readFileSync(RUNBOOK_PATH, 'utf8'));
      const missing = alerts()
        .map((rule) => String(rule.annotations?.runbook_url).split('#')[1])
        .filter((anchor) => !anchors.has(anchor));
      expect(missing).to.deep.equal([]);
    });
  });

  describe('when HighErrorRate picks the API routes', () => {
    it('takes the upload route and every job API route template, and no probe', () => {
      const expr = alerts().find((rule) => rule.alert === 'HighErrorRate')?.expr ?? '';
      const patterns = [...expr.matchAll(/route=~"([^"]+)"/g)].map((match) => new RegExp(`^(?:${match[1]})$`));
      expect(patterns).to.have.length(2);
      const api = ['/api/v1/convert', `${CONVERSIONS_PATH}/`, `${CONVERSIONS_PATH}/:id`, `${CONVERSIONS_PATH}/:id/result.zip`];
      for (const pattern of patterns) {
        expect(api.filter((route) => !pattern.test(route))).to.deep.equal([]);
        expect(['/readyz', '/healthz', '/metrics', '/api/v1/health', 'unmatched'].filter((route) => pattern.test(route))).to.deep.equal([]);
      }
    });
  });

  describe('when the promtool unit tests are listed', () => {
    it('has, for every alert, an evaluation where it fires and one where it stays silent', () => {
      const { firing, silent } = evaluatedAlerts();
      expect(
        REQUIRED.filter((name) => !firing.has(name)),
        'never seen firing',
      ).to.deep.equal([]);
      expect(
        REQUIRED.filter((name) => !silent.has(name)),
        'never seen silent',
      ).to.deep.equal([]);
    });
  });
});

describe('headingAnchors', () => {
  describe('when headings hold code, punctuation and fenced blocks surround comments', () => {
    it("makes GitHub's anchors and skips the comments", () => {
      const anchors = headingAnchors('# Ops guide\n### `HighErrorRate`\n## Back up: what & why\n```sh\n# not a heading\n```\n');
      expect([...anchors]).to.deep.equal(['ops-guide', 'higherrorrate', 'back-up-what--why']);
    });
  });
});
