import { expect } from 'chai';
import { metricNames, selectors } from './support/promql.ts';

describe("the monitoring tests' PromQL reader", () => {
  describe('when an expression aggregates, joins and compares', () => {
    const expr = `sum by (namespace) (rate(a_total{route=~"/api/v1/convert|x", status=~"5.."}[5m]))
      / on (namespace) group_left(pod) max without (le) (b_bucket{phase="Pending"} offset 5m) > 0.1
      and on (namespace) histogram_quantile(0.95, c_seconds_bucket[$__rate_interval]) * 1e3 > 3 unless ns:recorded:rate5m`;

    it('names every metric and no function, keyword, label or number', () => {
      expect(metricNames(expr)).to.deep.equal(['a_total', 'b_bucket', 'c_seconds_bucket', 'ns:recorded:rate5m']);
    });

    it("lists the label names of each selector's matchers", () => {
      expect(selectors(expr)).to.deep.equal([
        { metric: 'a_total', labels: ['route', 'status'] },
        { metric: 'b_bucket', labels: ['phase'] },
      ]);
    });
  });

  describe('when strings hold what looks like PromQL', () => {
    it('ignores them', () => {
      const expr = 'label_replace(up{job=~"sum(fake_metric)"}, "deployment", "$1", "service", "(.*)")';
      expect(metricNames(expr)).to.deep.equal(['up']);
      expect(selectors(expr)).to.deep.equal([{ metric: 'up', labels: ['job'] }]);
    });
  });
});
