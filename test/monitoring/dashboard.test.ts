import { expect } from 'chai';
import { dashboardQueries, readDashboard, type DashboardPanel } from './support/files.ts';
import { metricNames } from './support/promql.ts';

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

function overlaps(a: DashboardPanel['gridPos'], b: DashboardPanel['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('the Grafana dashboard (charts/docc2context/files/dashboard.json)', () => {
  const dashboard = readDashboard();
  const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');

  describe('when it is loaded', () => {
    it('uses schema version 36 or later and a fixed dashboard uid', () => {
      expect(dashboard.schemaVersion).to.be.at.least(36);
      expect(dashboard.uid).to.match(/^[a-zA-Z0-9_-]{1,40}$/);
    });

    it('asks for a Prometheus data source in a ${datasource} variable', () => {
      const variable = dashboard.templating.list.find((candidate) => candidate.name === 'datasource');
      expect(variable?.type).to.equal('datasource');
      expect(variable?.query).to.equal('prometheus');
    });

    it('names no data source by a fixed uid: every panel, query and variable uses ${datasource}', () => {
      const fixed = [
        ...queryPanels.map((panel) => ({ where: panel.title, datasource: panel.datasource })),
        ...queryPanels.flatMap((panel) =>
          (panel.targets ?? []).map((target) => ({ where: `${panel.title} ${target.refId}`, datasource: target.datasource })),
        ),
        ...dashboard.templating.list
          .filter((variable) => variable.type === 'query')
          .map((variable) => ({ where: variable.name, datasource: variable.datasource })),
      ].filter(({ datasource }) => datasource?.uid !== DATASOURCE.uid || datasource?.type !== DATASOURCE.type);
      expect(fixed).to.deep.equal([]);
    });

    it('gives every panel a unique id and a place in the 24-column grid that no other panel takes', () => {
      const ids = dashboard.panels.map((panel) => panel.id);
      expect(new Set(ids).size).to.equal(ids.length);
      for (const [index, panel] of dashboard.panels.entries()) {
        expect(panel.gridPos.x + panel.gridPos.w, panel.title).to.be.at.most(24);
        for (const other of dashboard.panels.slice(index + 1)) {
          expect(overlaps(panel.gridPos, other.gridPos), `${panel.title} / ${other.title}`).to.equal(false);
        }
      }
    });

    it('has at least one query in every panel', () => {
      expect(queryPanels.filter((panel) => !(panel.targets ?? []).some((target) => target.expr.trim() !== ''))).to.deep.equal([]);
    });
  });

  describe('when its queries are read', () => {
    const used = new Set(dashboardQueries(dashboard).flatMap(({ expr }) => metricNames(expr)));
    const topics: Record<string, string[]> = {
      'request rate, error rate and p95 latency': ['docc2context_http_requests_total', 'docc2context_http_request_duration_seconds_bucket'],
      'conversions by result': ['docc2context_conversions_total', 'docc2context_jobs_total'],
      'cache hit ratio': ['docc2context_cache_lookups_total'],
      'pool replicas vs HPA desired': ['kube_deployment_status_replicas_available', 'kube_horizontalpodautoscaler_status_desired_replicas'],
      backlog: ['docc2context_operator_conversions', 'docc2context_conversions_queued'],
      'memory and CPU against limits': [
        'container_memory_working_set_bytes',
        'container_cpu_usage_seconds_total',
        'kube_pod_container_resource_limits',
      ],
    };
    for (const [topic, names] of Object.entries(topics)) {
      it(`shows ${topic}`, () => {
        expect(names.filter((name) => !used.has(name))).to.deep.equal([]);
      });
    }

    it('computes p95 latency with histogram_quantile(0.95, …)', () => {
      expect(dashboardQueries(dashboard).some(({ expr }) => expr.startsWith('histogram_quantile(0.95,'))).to.equal(true);
    });
  });
});
