import { expect } from 'chai';
import type { KubernetesObject } from '@kubernetes/client-node';
import { silentLogger } from '../../../common/logger.ts';
import { InformerSupervisor } from '../../../operator/kube/informer-supervisor.ts';
import type { SupervisedInformer } from '../../../operator/kube/informer-supervisor.ts';
import { delay } from '../../../common/delay.ts';

/** An informer whose start() fails the first `failures` times through its error callbacks, like ListWatch. */
class FlakyInformer {
  starts = 0;
  stopped = false;
  private readonly callbacks: Record<string, ((arg: unknown) => void)[]> = {};
  private failures: number;

  constructor(failures: number) {
    this.failures = failures;
  }

  on(verb: string, callback: (arg: unknown) => void): void {
    (this.callbacks[verb] ??= []).push(callback);
  }

  async start(): Promise<void> {
    this.starts += 1;
    if (this.failures-- > 0) this.emit('error', new Error('connection refused'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  emit(verb: string, arg: unknown): void {
    for (const callback of this.callbacks[verb] ?? []) callback(arg);
  }

  list(): KubernetesObject[] {
    return [];
  }
}

function supervise(informer: FlakyInformer, seen: KubernetesObject[] = []): InformerSupervisor<KubernetesObject> {
  return new InformerSupervisor<KubernetesObject>({
    name: 'test',
    informer: informer as unknown as SupervisedInformer<KubernetesObject>,
    onObject: (object) => seen.push(object),
    logger: silentLogger(),
    backoff: { initialMs: 5, maxMs: 20 },
  });
}

describe('InformerSupervisor', () => {
  describe('when the informer starts cleanly', () => {
    it('is synced and forwards every add, update and delete', async () => {
      const informer = new FlakyInformer(0);
      const seen: KubernetesObject[] = [];
      const supervisor = supervise(informer, seen);
      await supervisor.start();
      expect(supervisor.synced).to.equal(true);
      for (const verb of ['add', 'update', 'delete']) informer.emit(verb, { metadata: { name: verb } });
      expect(seen.map((o) => o.metadata?.name)).to.deep.equal(['add', 'update', 'delete']);
      await supervisor.stop();
    });
  });

  describe('when the informer keeps failing at first', () => {
    it('is not synced, restarts with backoff, and syncs once a start succeeds', async () => {
      const informer = new FlakyInformer(3);
      const supervisor = supervise(informer);
      await supervisor.start();
      expect(supervisor.synced).to.equal(false);
      await supervisor.waitForSync(2000, 5);
      expect(informer.starts).to.equal(4);
      expect(supervisor.restarts).to.equal(3);
      await supervisor.stop();
    });
  });

  describe('when a synced informer fails later', () => {
    it('drops readiness until the restart succeeds', async () => {
      const informer = new FlakyInformer(0);
      const supervisor = supervise(informer);
      await supervisor.start();
      informer.emit('error', new Error('watch broke'));
      expect(supervisor.synced).to.equal(false);
      await supervisor.waitForSync(2000, 5);
      expect(supervisor.restarts).to.equal(1);
      await supervisor.stop();
    });
  });

  describe('when stopped', () => {
    it('stops the informer and never restarts it', async () => {
      const informer = new FlakyInformer(0);
      const supervisor = supervise(informer);
      await supervisor.start();
      await supervisor.stop();
      informer.emit('error', new Error('late'));
      await delay(30);
      expect(informer.stopped).to.equal(true);
      expect(supervisor.restarts).to.equal(0);
    });
  });
});
