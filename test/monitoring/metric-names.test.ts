import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { alerts, dashboardQueries, readDashboard, readRules, RUNBOOK_PATH } from './support/files.ts';
import { metricNames, selectors } from './support/promql.ts';
import { OUTSIDE_METRICS, ownSeries, TARGET_LABELS } from './support/registries.ts';

function recordedNames(): Set<string> {
  return new Set(
    readRules()
      .groups.flatMap((group) => group.rules)
      .flatMap((rule) => (rule.record ? [rule.record] : [])),
  );
}

function allQueries(): { where: string; expr: string }[] {
  const rules = readRules()
    .groups.flatMap((group) => group.rules)
    .map((rule) => ({ where: `rule ${rule.alert ?? rule.record}`, expr: rule.expr }));
  return [...rules, ...dashboardQueries(readDashboard())];
}

describe('metric names in the alerts and the dashboard', () => {
  let own: Map<string, string[]>;
  before(async () => {
    own = await ownSeries();
  });

  describe('when the registries are built', () => {
    it('exposes the names and labels the monitoring relies on', () => {
      expect(own.get('docc2context_http_requests_total')).to.have.members(['route', 'method', 'status']);
      expect(own.get('docc2context_operator_dispatch_duration_seconds_count')).to.have.members(['result']);
      expect(own.get('docc2context_conversion_duration_seconds_bucket')).to.include('le');
      expect(own.has('docc2context_operator_dispatch_duration_seconds')).to.equal(false);
    });
  });

  describe('when every query is read', () => {
    it('finds queries in the rules and in the dashboard', () => {
      const queries = allQueries();
      expect(queries.filter((query) => query.where.startsWith('rule')).length).to.be.greaterThan(10);
      expect(queries.filter((query) => query.where.startsWith('panel')).length).to.be.greaterThan(10);
    });

    it("uses only our metrics, the rules' own recordings and the documented outside metrics", () => {
      const recorded = recordedNames();
      const unknown = allQueries().flatMap(({ where, expr }) =>
        metricNames(expr)
          .filter((name) => !own.has(name) && !recorded.has(name) && !OUTSIDE_METRICS.has(name))
          .map((name) => `${where}: ${name}`),
      );
      expect(unknown).to.deep.equal([]);
    });

    it('matches our metrics only on labels they have or that the scrape adds', () => {
      const wrong = allQueries().flatMap(({ where, expr }) =>
        selectors(expr)
          .filter((selector) => own.has(selector.metric))
          .flatMap((selector) =>
            selector.labels
              .filter((label) => !own.get(selector.metric)?.includes(label) && !TARGET_LABELS.has(label))
              .map((label) => `${where}: ${selector.metric}{${label}}`),
          ),
      );
      expect(wrong).to.deep.equal([]);
    });

    it('counts failures as failed, error or timeout, never rejected or cancelled', () => {
      const failures = readRules()
        .groups.flatMap((group) => group.rules)
        .find((rule) => rule.record === 'namespace:docc2context_conversion_failures:rate10m');
      expect(failures?.expr).to.match(/result=~"failed\|error\|timeout"/);
      expect(failures?.expr).not.to.match(/rejected|cancelled|overloaded/);
      expect(alerts().find((rule) => rule.alert === 'ExtractionFailures')?.expr).to.include(
        'namespace:docc2context_conversion_failures:rate10m',
      );
    });
  });

  describe('when the runbook lists the metrics from outside', () => {
    it('names exactly the outside metrics the tests allow, with their source', () => {
      const runbook = readFileSync(RUNBOOK_PATH, 'utf8');
      const start = runbook.indexOf('## Metrics from outside');
      const end = runbook.indexOf('\n## ', start + 1);
      const section = runbook.slice(start, end === -1 ? undefined : end);
      const rows = [...section.matchAll(/^\| `([a-z_:]+)` \| ([^|]+) \|/gm)].map((row): [string, string] => [row[1], row[2].trim()]);
      expect(new Map(rows)).to.deep.equal(OUTSIDE_METRICS);
    });
  });
});
