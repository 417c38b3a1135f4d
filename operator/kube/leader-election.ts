// Lease-based leader election after client-go's tools/leaderelection: candidates try to take a
// coordination.k8s.io/v1 Lease every retryPeriod (with jitter); a lease counts as held while
// its record changed less than leaseDuration ago *by our own clock* (never the other replica's
// timestamps, so clock skew does not matter); the leader renews every retryPeriod and steps
// down when it could not renew for renewDeadline, which is shorter than leaseDuration, so the
// old leader stops before anyone else may start. Writes are optimistic (resourceVersion).
//
// Differences from client-go, on purpose: after losing the lease the elector becomes a
// candidate again instead of ending (the caller's onStoppedLeading has stopped the work), and
// on stop it awaits onStoppedLeading before releasing the lease, so work never overlaps.
import type { Logger } from '../../common/logger.ts';
import { sleep, type Clock, type Timer } from '../clock.ts';
import { LeaseConflictError, type LeaseRecord, type LeaseStore, type StoredLease } from './lease-store.ts';
import { LOG } from '../../common/log-fields.ts';

export interface LeaderElectionConfig {
  namespace: string;
  /** The Lease name, shared by all replicas. */
  name: string;
  /** Unique per replica (pod name + random suffix). */
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  /** Give the lease up on stop so a standby takes over at once instead of after leaseDuration. */
  releaseOnStop: boolean;
}

/** controller-runtime's defaults (pkg/manager/internal.go): 15 s / 10 s / 2 s. */
export const DEFAULT_LEADER_ELECTION_TIMINGS = Object.freeze({ leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 });

/** client-go's JitterFactor for the candidates' retry loop. */
const JITTER_FACTOR = 1.2;

export interface LeaderCallbacks {
  /** Start working; stop when `signal` aborts (leadership lost or elector stopped). */
  onStartedLeading(signal: AbortSignal): void;
  /** Leadership ended; the elector releases the lease only after this settles. */
  onStoppedLeading(): void | Promise<void>;
  /** Another (or this) replica was seen holding the lease. */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectorDeps {
  store: LeaseStore;
  clock: Clock;
  logger: Logger;
  /** [0, 1); Math.random by default, fixed in tests. */
  random?: () => number;
  metrics?: { setLeader(name: string, leading: boolean): void };
}

const recordKey = (record: LeaseRecord): string =>
  [
    record.holderIdentity,
    record.leaseDurationSeconds,
    record.leaseTransitions,
    record.acquireTime?.getTime(),
    record.renewTime?.getTime(),
  ].join('|');

const sameRecord = (a: LeaseRecord | undefined, b: LeaseRecord | undefined): boolean =>
  a !== undefined && b !== undefined && recordKey(a) === recordKey(b);

export class LeaderElector {
  private readonly deps: LeaderElectorDeps;
  private readonly config: LeaderElectionConfig;
  private readonly callbacks: LeaderCallbacks;
  private readonly stopping = new AbortController();
  private observed?: StoredLease;
  /** Our clock's time when the observed record last changed. */
  private observedAt = 0;
  private leading = false;
  private running?: Promise<void>;

  constructor(deps: LeaderElectorDeps, config: LeaderElectionConfig, callbacks: LeaderCallbacks) {
    if (config.renewDeadlineMs >= config.leaseDurationMs) throw new Error('renewDeadline must be shorter than leaseDuration');
    if (config.retryPeriodMs * JITTER_FACTOR >= config.renewDeadlineMs)
      throw new Error('retryPeriod × 1.2 must be shorter than renewDeadline');
    this.deps = deps;
    this.config = config;
    this.callbacks = callbacks;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** The identity last seen holding the lease ('' when free or unknown). */
  get leader(): string {
    return this.observed?.record.holderIdentity ?? '';
  }

  /** Starts campaigning in the background; idempotent. */
  start(): void {
    this.running ??= this.run();
  }

  /** Stops campaigning; when leading, stops the work, then releases the lease if configured. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    this.deps.metrics?.setLeader(this.config.name, false);
    while (await this.acquire()) await this.lead();
  }

  private async acquire(): Promise<boolean> {
    const { retryPeriodMs } = this.config;
    const random = this.deps.random ?? Math.random;
    while (!this.stopping.signal.aborted) {
      const acquired = await this.withDeadline(this.tryAcquireOrRenew(), this.config.renewDeadlineMs);
      if (acquired) return !this.stopping.signal.aborted || (await this.releaseUnled());
      await sleep(this.deps.clock, retryPeriodMs * (1 + random() * JITTER_FACTOR), this.stopping.signal);
    }
    return false;
  }

  /** Acquired just as we were stopped: give it back without ever leading. */
  private async releaseUnled(): Promise<boolean> {
    if (this.config.releaseOnStop) await this.release();
    return false;
  }

  private async lead(): Promise<void> {
    const { clock, logger, metrics } = this.deps;
    const work = new AbortController();
    this.leading = true;
    metrics?.setLeader(this.config.name, true);
    logger.info('Acquired leader lease', { [LOG.leaseName]: this.leaseName, [LOG.leaseIdentity]: this.config.identity });
    this.notify(() => this.callbacks.onStartedLeading(work.signal));
    const lost = await this.renewUntilLostOrStopped(clock.now());
    work.abort();
    this.leading = false;
    metrics?.setLeader(this.config.name, false);
    if (lost) logger.warn('Lost leader lease', { [LOG.leaseName]: this.leaseName, [LOG.leaseIdentity]: this.config.identity });
    await this.notifyAsync(() => this.callbacks.onStoppedLeading());
    if (!lost && this.config.releaseOnStop) await this.release();
  }

  /** True when leadership was lost, false when the elector was stopped. */
  private async renewUntilLostOrStopped(renewedAt: number): Promise<boolean> {
    const { clock } = this.deps;
    const { retryPeriodMs, renewDeadlineMs } = this.config;
    let lastRenew = renewedAt;
    for (;;) {
      await sleep(clock, retryPeriodMs, this.stopping.signal);
      if (this.stopping.signal.aborted) return false;
      const remaining = lastRenew + renewDeadlineMs - clock.now();
      if (remaining > 0 && (await this.withDeadline(this.tryAcquireOrRenew(), remaining))) lastRenew = clock.now();
      else if (clock.now() - lastRenew >= renewDeadlineMs) return true;
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.deps.clock.now();
    try {
      if (this.leading && this.observed && (await this.tryFastRenew(now))) return true;
      const current = await this.deps.store.get(this.config.namespace, this.config.name);
      if (!current) {
        return await this.write(() => this.deps.store.create(this.config.namespace, this.config.name, this.recordFor(undefined, now)));
      }
      this.observe(current, now);
      if (this.heldByAnother(current.record, now)) return false;
      const record = this.recordFor(current.record, now);
      return await this.write(() => this.deps.store.replace(this.config.namespace, this.config.name, record, current.resourceVersion));
    } catch (error) {
      this.deps.logger.debug('Failed to acquire or renew leader lease', { [LOG.leaseName]: this.leaseName, [LOG.error]: error });
      return false;
    }
  }

  /** The leader renews with the version it wrote last; one request instead of two. */
  private async tryFastRenew(now: number): Promise<boolean> {
    const observed = this.observed!;
    const record = this.recordFor(observed.record, now);
    try {
      this.observe(await this.deps.store.replace(this.config.namespace, this.config.name, record, observed.resourceVersion), now);
      return true;
    } catch (error) {
      if (error instanceof LeaseConflictError) return false;
      throw error;
    }
  }

  private async write(attempt: () => Promise<StoredLease>): Promise<boolean> {
    try {
      this.observe(await attempt(), this.deps.clock.now());
      return true;
    } catch (error) {
      if (error instanceof LeaseConflictError) return false;
      throw error;
    }
  }

  private heldByAnother(record: LeaseRecord, now: number): boolean {
    const holder = record.holderIdentity;
    return holder !== '' && holder !== this.config.identity && this.observedAt + record.leaseDurationSeconds * 1000 > now;
  }

  private recordFor(current: LeaseRecord | undefined, now: number): LeaseRecord {
    const renewing = current?.holderIdentity === this.config.identity;
    const at = new Date(now);
    return {
      holderIdentity: this.config.identity,
      leaseDurationSeconds: Math.ceil(this.config.leaseDurationMs / 1000),
      acquireTime: renewing ? (current.acquireTime ?? at) : at,
      renewTime: at,
      leaseTransitions: current === undefined ? 0 : current.leaseTransitions + (renewing ? 0 : 1),
    };
  }

  private observe(lease: StoredLease, now: number): void {
    if (sameRecord(lease.record, this.observed?.record)) {
      this.observed = lease;
      return;
    }
    const previousHolder = this.observed?.record.holderIdentity;
    this.observed = lease;
    this.observedAt = now;
    const holder = lease.record.holderIdentity;
    if (holder !== '' && holder !== previousHolder) this.notify(() => this.callbacks.onNewLeader?.(holder));
  }

  private async release(): Promise<void> {
    const observed = this.observed;
    if (!observed || observed.record.holderIdentity !== this.config.identity) return;
    const now = new Date(this.deps.clock.now());
    const record: LeaseRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: observed.record.leaseTransitions,
    };
    const released = this.deps.store.replace(this.config.namespace, this.config.name, record, observed.resourceVersion).then(
      (lease) => {
        this.observed = lease;
        return true;
      },
      (error: unknown) => {
        this.deps.logger.warn('Failed to release leader lease', { [LOG.leaseName]: this.leaseName, [LOG.error]: error });
        return false;
      },
    );
    // Bounded: a hung API server must not keep the process from shutting down.
    if (await this.withDeadline(released, this.config.renewDeadlineMs, undefined)) {
      this.deps.logger.info('Released leader lease', { [LOG.leaseName]: this.leaseName, [LOG.leaseIdentity]: this.config.identity });
    }
  }

  /** The attempt's answer, or false once `ms` passed or the elector was stopped (a hung call never blocks). */
  private withDeadline(attempt: Promise<boolean>, ms: number, signal: AbortSignal | undefined = this.stopping.signal): Promise<boolean> {
    let timer: Timer | undefined;
    let onAbort = (): void => {};
    const expired = new Promise<boolean>((resolve) => {
      timer = this.deps.clock.setTimeout(() => resolve(false), ms);
      onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([attempt, expired]).finally(() => {
      timer?.cancel();
      signal?.removeEventListener('abort', onAbort);
    });
  }

  private notify(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.deps.logger.error('Leader election callback failed', { [LOG.leaseName]: this.leaseName, [LOG.error]: error });
    }
  }

  private async notifyAsync(callback: () => void | Promise<void>): Promise<void> {
    try {
      await callback();
    } catch (error) {
      this.deps.logger.error('Leader election callback failed', { [LOG.leaseName]: this.leaseName, [LOG.error]: error });
    }
  }

  private get leaseName(): string {
    return `${this.config.namespace}/${this.config.name}`;
  }
}
