// Runs conversion attempts in the background and remembers their outcome per DocConversion
// key, so reconciles never block on a conversion: an attempt reads a configMap source,
// submits the job (idempotent by id), polls while it runs, delivers a configMap output
// (configmap-output.ts), and enqueues the key when it settles. Bounded: at most maxConcurrent attempts run at once;
// keys that found no slot are enqueued again as slots free up.
import type { ConversionJobRequest, ConversionJobStatus } from '../../../common/contract/conversion-job.ts';
import type { Logger } from '../../../common/logger.ts';
import { sleep, type Clock, type Timer } from '../../clock.ts';
import type { DocConversion } from '../../api/docconversion.generated.ts';
import type { ConversionClient } from '../../dispatch/client.ts';
import { DispatchError, errorFromJob, isDispatchError } from '../../dispatch/errors.ts';
import { MAX_INTERRUPTIONS, interruptionDelayMs, isInterruption, tooManyInterruptions } from '../../dispatch/interruption.ts';
import type { AttemptFailure, AttemptView } from './decision.ts';
import { deliverConfigMap } from './configmap-output.ts';
import { buildJobRequest, resultFromJob, timeoutSeconds } from './request.ts';
import { LOG } from '../../../common/log-fields.ts';

export interface AttemptPorts {
  client: Pick<ConversionClient, 'submit' | 'get' | 'delete' | 'downloadResult'>;
  readSource: (namespace: string, ref: { name: string; key: string }) => Promise<string>;
  writeOutput: (owner: DocConversion, name: string, data: Record<string, string>) => Promise<void>;
  /** Called when an attempt settles. */
  enqueue: (key: string) => void;
  /** Called for a waiting key when a slot frees for it (ahead of other keys); enqueue when unset. */
  wake?: (key: string) => void;
  clock: Clock;
  logger: Logger;
  /** Observes each settled attempt, e.g. into a histogram. */
  onSettled?: (outcome: 'succeeded' | 'failed', seconds: number) => void;
}

export interface AttemptSettings {
  /** Attempts running at once; follows the pool's ready capacity when the pool is managed (setCapacity). */
  maxConcurrent: number;
  pollIntervalMs: number;
  defaultRetainTtlSeconds?: number;
}

interface Entry {
  jobId: string;
  view: AttemptView;
  settled: Promise<void>;
  /** Forgotten: its outcome is ignored. */
  cancelled: boolean;
  /** Past its deadline: stop polling the pool. */
  abandoned: boolean;
  /** Times its job's pod went away (contract §7); these never count against spec.retries. */
  interruptions: number;
  /** The dispatching reconcile's logger (namespace, name, reconcileId), so background lines carry them. */
  logger: Logger;
}

export class AttemptTracker {
  private readonly ports: AttemptPorts;
  private readonly settings: AttemptSettings;
  private readonly entries = new Map<string, Entry>();
  private readonly waiting = new Set<string>();
  private runningCount = 0;
  private capacityNow: number;

  constructor(ports: AttemptPorts, settings: AttemptSettings) {
    this.ports = ports;
    this.settings = settings;
    this.capacityNow = settings.maxConcurrent;
  }

  get running(): number {
    return this.runningCount;
  }

  /** Keys refused a slot and not dispatched since: the backlog. */
  get waitingCount(): number {
    return this.waiting.size;
  }

  get capacity(): number {
    return this.capacityNow;
  }

  /**
   * Changes how many attempts may run at once. Running attempts are never stopped when it
   * shrinks (they finish; no new ones start until running < capacity); waiting keys are woken
   * for the slots that open when it grows.
   */
  setCapacity(capacity: number): void {
    this.capacityNow = Math.max(0, capacity);
    this.wakeWaiting();
  }

  /** What is known about this job of this key; none when another or no job is tracked. */
  view(key: string, jobId: string): AttemptView {
    const entry = this.entries.get(key);
    return entry && entry.jobId === jobId ? entry.view : { state: 'none' };
  }

  /** True when a slot is free; otherwise the key is remembered and enqueued when one frees. */
  canDispatch(key: string): boolean {
    if (this.runningCount < this.capacityNow) return true;
    this.waiting.add(key);
    return false;
  }

  /** Starts the attempt (replacing any earlier one of this key); resolves when it settles. */
  start(key: string, object: DocConversion, jobId: string, logger: Logger = this.ports.logger): Promise<void> {
    this.forget(key);
    this.waiting.delete(key);
    const entry: Entry = {
      jobId,
      view: { state: 'running' },
      settled: Promise.resolve(),
      cancelled: false,
      abandoned: false,
      interruptions: 0,
      logger: logger.child({ [LOG.jobId]: jobId }),
    };
    this.entries.set(key, entry);
    this.runningCount += 1;
    entry.settled = this.run(entry, object).then((view) => this.settle(key, entry, view));
    return entry.settled;
  }

  /** Drops what is known about the key; a running attempt's outcome is ignored. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.cancelled = true;
    this.entries.delete(key);
    this.waiting.delete(key);
  }

  /** Waits for every running attempt (used on shutdown and in tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.settled));
  }

  private settle(key: string, entry: Entry, view: AttemptView): void {
    this.runningCount -= 1;
    if (!entry.cancelled) {
      entry.view = view;
      this.ports.enqueue(key);
    }
    this.wakeWaiting();
  }

  /**
   * Wakes as many waiting keys as there are free slots (a woken key may still lose its slot to a
   * fresh one; it then waits again, and decide() rechecks it after a while anyway).
   */
  private wakeWaiting(): void {
    let free = this.capacityNow - this.runningCount;
    const wake = this.ports.wake ?? this.ports.enqueue;
    for (const key of this.waiting) {
      if (free-- <= 0) break;
      this.waiting.delete(key);
      wake(key);
    }
  }

  private async run(entry: Entry, object: DocConversion): Promise<AttemptView> {
    const { clock } = this.ports;
    const started = clock.now();
    const deadlineMs = timeoutSeconds(object) * 1000;
    let timer: Timer | undefined;
    const deadline = new Promise<AttemptView>((resolve) => {
      const timedOut = new DispatchError('TIMED_OUT', `The attempt did not finish within ${timeoutSeconds(object)}s`);
      timer = clock.setTimeout(() => resolve(this.failed(entry, timedOut, true)), deadlineMs);
    });
    const work = this.convert(entry, object, started + deadlineMs).catch((error: unknown) => this.failed(entry, error, false));
    const view = await Promise.race([work, deadline]);
    timer?.cancel();
    if (view.state === 'failed' && view.failure.deadlineExceeded) {
      entry.abandoned = true;
      // Best effort: stop the job in the pool; it expires there anyway.
      this.ports.client.delete(entry.jobId).catch(() => undefined);
    }
    const seconds = (clock.now() - started) / 1000;
    this.ports.onSettled?.(view.state === 'succeeded' ? 'succeeded' : 'failed', seconds);
    entry.logger.debug('Settled attempt', {
      [LOG.jobState]: view.state,
      [LOG.eventDuration]: Math.round(seconds * 1e9),
      ...(view.state === 'failed' && { [LOG.errorCode]: view.failure.code }),
    });
    return view;
  }

  private async convert(entry: Entry, object: DocConversion, deadline: number): Promise<AttemptView> {
    const source = object.spec.source.configMap;
    const inline = source ? await this.ports.readSource(object.metadata?.namespace ?? '', source) : undefined;
    const request = buildJobRequest(object, entry.jobId, inline, { retainTtlSeconds: this.settings.defaultRetainTtlSeconds });
    const job = await this.submitAndWait(entry, request, deadline);
    if (job.state === 'failed')
      throw job.error ? errorFromJob(job.error) : new DispatchError('INTERNAL', 'The job failed without a reason');
    const files = object.spec.output?.configMap ? await deliverConfigMap(this.ports, object, job) : undefined;
    return { state: 'succeeded', result: resultFromJob(object, job, files), at: new Date(this.ports.clock.now()).toISOString() };
  }

  private async submitAndWait(entry: Entry, request: ConversionJobRequest, deadline: number): Promise<ConversionJobStatus> {
    const remaining = (): number => Math.max(1, deadline - this.ports.clock.now());
    const submit = (): Promise<ConversionJobStatus> => this.ports.client.submit(request, { timeoutMs: remaining() });
    let job = await this.interruptible(entry, submit);
    while ((job === undefined || job.state === 'running') && !entry.cancelled && !entry.abandoned) {
      if (job) await sleep(this.ports.clock, this.settings.pollIntervalMs);
      // After an interruption, the same id again (idempotent); otherwise poll.
      const known = job;
      job = await this.interruptible(entry, () => (known === undefined ? submit() : this.ports.client.get(entry.jobId)));
    }
    if (!job) throw new DispatchError('NOT_READY', 'The conversion was interrupted', { permanent: false });
    return job;
  }

  /**
   * Runs one call to the pool. An interruption (contract §7: the pool no longer knows the job,
   * answers 503 NOT_READY, or does not answer) is counted, waited out, and gives undefined.
   */
  private async interruptible(
    entry: Entry,
    call: () => Promise<ConversionJobStatus | undefined>,
  ): Promise<ConversionJobStatus | undefined> {
    let code: string;
    try {
      const job = await call();
      if (job) return job;
      code = 'NOT_FOUND';
    } catch (error) {
      if (!isInterruption(error)) throw error;
      code = (error as DispatchError).code;
    }
    entry.interruptions += 1;
    if (entry.interruptions > MAX_INTERRUPTIONS) throw tooManyInterruptions(MAX_INTERRUPTIONS);
    entry.logger.info('Re-dispatching interrupted conversion', { [LOG.errorCode]: code, [LOG.interruptions]: entry.interruptions });
    await sleep(this.ports.clock, interruptionDelayMs(entry.interruptions, this.settings.pollIntervalMs));
    return undefined;
  }

  private failed(entry: Entry, error: unknown, deadlineExceeded: boolean): AttemptView {
    if (!isDispatchError(error)) entry.logger.error('Failed attempt with an unexpected error', { [LOG.error]: error });
    return { state: 'failed', failure: toFailure(error, deadlineExceeded, new Date(this.ports.clock.now())) };
  }
}

function toFailure(error: unknown, deadlineExceeded: boolean, now: Date): AttemptFailure {
  const at = now.toISOString();
  if (isDispatchError(error)) {
    return {
      code: error.code,
      message: error.message,
      permanent: error.permanent,
      deadlineExceeded,
      retryAfterSeconds: error.retryAfterSeconds,
      at,
    };
  }
  // Kubernetes API failures (reading the source, writing the output) and bugs: retry.
  return { code: 'INTERNAL', message: 'The operator could not complete the attempt; see its logs', permanent: false, deadlineExceeded, at };
}
