// Keeps one informer alive. @kubernetes/client-node's ListWatch relists by itself on 410 Gone
// and reconnects after watch timeouts, but on any other error (list failed, connection refused,
// 5xx) it calls its error callbacks and stops. The supervisor restarts it with capped
// exponential backoff, and reports whether its cache is synced (for /readyz).
import { ADD, DELETE, ERROR, UPDATE } from '@kubernetes/client-node/dist/informer.js';
import type { Informer, KubernetesObject, ObjectCache } from '@kubernetes/client-node';
import type { Logger } from '../../common/logger.ts';
import { sleep, systemClock, type Clock, type Timer } from '../clock.ts';
import { LOG } from '../../common/log-fields.ts';

export type SupervisedInformer<T extends KubernetesObject> = Informer<T> & ObjectCache<T>;

export interface InformerSupervisorOptions<T extends KubernetesObject> {
  name: string;
  informer: SupervisedInformer<T>;
  /** Called for every add, update and delete; enqueue the object's key here and nothing else. */
  onObject: (object: T) => void;
  logger: Logger;
  backoff: { initialMs: number; maxMs: number };
  /** Counts restarts, e.g. into a metric. */
  onRestart?: () => void;
  /** Times the restart backoff (systemClock by default). */
  clock?: Clock;
}

export class InformerSupervisor<T extends KubernetesObject> {
  private readonly options: InformerSupervisorOptions<T>;
  private delayMs: number;
  private readonly clock: Clock;
  private timer: Timer | undefined;
  private stopped = true;
  private failedSinceStart = false;
  private syncedFlag = false;
  restarts = 0;

  constructor(options: InformerSupervisorOptions<T>) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.delayMs = options.backoff.initialMs;
    const informer = options.informer;
    for (const verb of [ADD, UPDATE, DELETE] as const) informer.on(verb, (object: T) => options.onObject(object));
    informer.on(ERROR, (error: unknown) => this.onError(error));
  }

  get name(): string {
    return this.options.name;
  }

  /** True once a list has completed and the watch is running, false again after a failure. */
  get synced(): boolean {
    return this.syncedFlag;
  }

  get cache(): ObjectCache<T> {
    return this.options.informer;
  }

  /** Starts the informer; never rejects (failures are retried in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.syncedFlag = false;
    this.timer?.cancel();
    this.timer = undefined;
    await this.options.informer.stop();
  }

  /** Resolves once synced, or rejects after timeoutMs. */
  async waitForSync(timeoutMs: number, pollMs = 20): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    while (!this.syncedFlag) {
      if (this.clock.now() > deadline) throw new Error(`Informer ${this.name} did not sync within ${timeoutMs} ms`);
      await sleep(this.clock, pollMs);
    }
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.failedSinceStart = false;
    try {
      await this.options.informer.start();
    } catch (error) {
      this.onError(error);
      return;
    }
    if (this.failedSinceStart || this.stopped) return;
    this.syncedFlag = true;
    this.delayMs = this.options.backoff.initialMs;
    this.options.logger.info('Started informer', { [LOG.informer]: this.name });
  }

  private onError(error: unknown): void {
    this.failedSinceStart = true;
    this.syncedFlag = false;
    if (this.stopped || this.timer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff.maxMs);
    this.options.logger.warn('Informer failed, restarting', {
      [LOG.informer]: this.name,
      [LOG.error]: error,
      [LOG.informerRestartDelayMs]: delay,
    });
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.restarts += 1;
      this.options.onRestart?.();
      void this.run();
    }, delay);
  }
}
