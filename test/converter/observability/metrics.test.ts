import { expect } from 'chai';
import { createConverterMetrics } from '../../../converter/observability/metrics.ts';

describe('converter metrics', () => {
  describe('when the memory budget is known', () => {
    it('exports it as docc2context_memory_budget_bytes', async () => {
      const metrics = createConverterMetrics({ defaultMetrics: false, memoryBudgetBytes: 2 ** 31 });
      expect(await metrics.registry.metrics()).to.match(/^docc2context_memory_budget_bytes 2147483648$/m);
    });
  });

  describe('when no budget is known', () => {
    it('does not export the gauge at all', async () => {
      const metrics = createConverterMetrics({ defaultMetrics: false });
      expect(await metrics.registry.metrics()).not.to.contain('docc2context_memory_budget_bytes');
    });
  });

  describe('when worker threads are replaced', () => {
    it('counts them by reason', async () => {
      const metrics = createConverterMetrics({ defaultMetrics: false });
      metrics.workerRestarts.inc({ reason: 'out_of_memory' });
      expect(await metrics.registry.metrics()).to.match(/^docc2context_worker_restarts_total\{reason="out_of_memory"\} 1$/m);
    });
  });
});
