import { expect } from 'chai';
import { createOperatorMetrics } from '../../operator/metrics.ts';
import { WorkQueue } from '../../operator/kube/workqueue.ts';
import { FakeClock } from '../support/fake-clock.ts';

async function sample(text: string, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const rendered = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${rendered}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('createOperatorMetrics', () => {
  describe('when a controller is registered', () => {
    it('pre-initialises controller_runtime_reconcile_total for every result', async () => {
      const metrics = createOperatorMetrics({ defaultMetrics: false });
      metrics.controller('docconversion');
      const text = await metrics.registry.metrics();
      for (const result of ['success', 'error', 'requeue', 'requeue_after']) {
        expect(await sample(text, 'controller_runtime_reconcile_total', { controller: 'docconversion', result })).to.equal(0);
      }
      expect(await sample(text, 'controller_runtime_reconcile_errors_total', { controller: 'docconversion' })).to.equal(0);
      expect(await sample(text, 'controller_runtime_terminal_reconcile_errors_total', { controller: 'docconversion' })).to.equal(0);
    });

    it('counts outcomes, errors and workers', async () => {
      const metrics = createOperatorMetrics({ defaultMetrics: false });
      const controller = metrics.controller('docconversion');
      controller.setMaxConcurrentReconciles(4);
      controller.activeWorkersChanged(1);
      controller.activeWorkersChanged(1);
      controller.activeWorkersChanged(-1);
      controller.reconciled('success', 0.02);
      controller.reconciled('error', 0.5);
      controller.reconcileError();
      const text = await metrics.registry.metrics();
      const labels = { controller: 'docconversion' };
      expect(await sample(text, 'controller_runtime_reconcile_total', { ...labels, result: 'success' })).to.equal(1);
      expect(await sample(text, 'controller_runtime_reconcile_errors_total', labels)).to.equal(1);
      expect(await sample(text, 'controller_runtime_terminal_reconcile_errors_total', labels)).to.equal(0);
      expect(await sample(text, 'controller_runtime_max_concurrent_reconciles', labels)).to.equal(4);
      expect(await sample(text, 'controller_runtime_active_workers', labels)).to.equal(1);
      expect(await sample(text, 'controller_runtime_reconcile_time_seconds_count', labels)).to.equal(2);
    });
  });

  describe('when a work queue reports through it', () => {
    it('exposes the workqueue_* metrics with name and controller labels', async () => {
      const clock = new FakeClock();
      const metrics = createOperatorMetrics({ defaultMetrics: false });
      const queue = new WorkQueue<string>({ clock, metrics: metrics.workQueue('docconversion') });
      queue.add('a');
      queue.add('b');
      queue.add('a');
      await clock.advance(2000);
      const next = await queue.get();
      await clock.advance(3000);
      queue.addRateLimited('c');
      const labels = { name: 'docconversion', controller: 'docconversion' };
      let text = await metrics.registry.metrics();
      expect(await sample(text, 'workqueue_adds_total', labels)).to.equal(2);
      expect(await sample(text, 'workqueue_depth', labels)).to.equal(1);
      expect(await sample(text, 'workqueue_retries_total', labels)).to.equal(1);
      expect(await sample(text, 'workqueue_queue_duration_seconds_sum', labels)).to.equal(2);
      expect(await sample(text, 'workqueue_unfinished_work_seconds', labels)).to.equal(3);
      expect(await sample(text, 'workqueue_longest_running_processor_seconds', labels)).to.equal(3);
      if (!next.shutdown) queue.done(next.item);
      text = await metrics.registry.metrics();
      expect(await sample(text, 'workqueue_work_duration_seconds_sum', labels)).to.equal(3);
      expect(await sample(text, 'workqueue_unfinished_work_seconds', labels)).to.equal(0);
      queue.shutDown();
    });
  });

  describe('leader election and conversions', () => {
    it('reports leadership, conversions by phase (every phase present) and dispatch durations', async () => {
      const metrics = createOperatorMetrics({ defaultMetrics: false });
      metrics.setLeader('docc2context-operator', true);
      metrics.setConversionsByPhase({ Running: 3, Succeeded: 7 });
      metrics.observeDispatch('success', 1.5);
      const text = await metrics.registry.metrics();
      expect(await sample(text, 'leader_election_master_status', { name: 'docc2context-operator' })).to.equal(1);
      expect(await sample(text, 'docc2context_operator_conversions', { phase: 'Running' })).to.equal(3);
      expect(await sample(text, 'docc2context_operator_conversions', { phase: 'Pending' })).to.equal(0);
      expect(await sample(text, 'docc2context_operator_dispatch_duration_seconds_count', { result: 'success' })).to.equal(1);
    });
  });

  it('keeps each registry separate', async () => {
    const first = createOperatorMetrics({ defaultMetrics: false });
    const second = createOperatorMetrics({ defaultMetrics: false });
    first.setLeader('lease', true);
    expect(await sample(await second.registry.metrics(), 'leader_election_master_status', { name: 'lease' })).to.equal(undefined);
  });

  describe('dispatch gauges', () => {
    it('read pending, running and capacity from their source at scrape time, and the pool ready replicas as set', async () => {
      const metrics = createOperatorMetrics({ defaultMetrics: false });
      let state = { pending: 7, running: 4, capacity: 4 };
      metrics.observeDispatchQueue(() => state);
      metrics.setPoolReadyReplicas(2);
      const value = async (name: string): Promise<number> =>
        Number(
          (await metrics.registry.getSingleMetricAsString(name))
            .split('\n')
            .find((line) => line.startsWith(name))
            ?.split(' ')
            .at(-1),
        );
      expect(await value('docc2context_operator_pending_conversions')).to.equal(7);
      expect(await value('docc2context_operator_running_conversions')).to.equal(4);
      expect(await value('docc2context_operator_dispatch_capacity')).to.equal(4);
      expect(await value('docc2context_operator_pool_ready_replicas')).to.equal(2);
      state = { pending: 0, running: 2, capacity: 2 };
      expect(await value('docc2context_operator_pending_conversions')).to.equal(0);
      expect(await value('docc2context_operator_dispatch_capacity')).to.equal(2);
    });
  });
});
