import { expect } from 'chai';
import { decide, retryDelayMs } from '../../../../operator/controllers/docconversion/decide.ts';
import type { AttemptFailure, AttemptView, Decision, Facts, Policy } from '../../../../operator/controllers/docconversion/decision.ts';
import { jobIdsFor } from '../../../../operator/controllers/docconversion/job-id.ts';
import type { DocConversion, DocConversionStatus } from '../../../../operator/api/docconversion.generated.ts';
import { T0, at, conversion, running } from './builders.ts';

const policy: Policy = { retryBaseMs: 10_000, retryMaxMs: 60_000, finalizerTimeoutMs: 30_000 };
const IDENTITY = { namespace: 'docs', name: 'sloth', uid: 'uid-1' };
const JOB1 = jobIdsFor(IDENTITY, 1).jobId;
const JOB2 = jobIdsFor(IDENTITY, 2).jobId;

interface Observed {
  view?: AttemptView;
  now?: Date;
  canDispatch?: boolean;
  /** The attempt this reconcile dispatched (the fast path); otherwise max(status.attempts, 1), as gather does. */
  dispatched?: number;
}

/** What gather would observe about this object. */
function factsFor(object: DocConversion, observed: Observed = {}): Facts {
  const number = observed.dispatched ?? Math.max(object.status?.attempts ?? 0, 1);
  const attempt = { number, ...jobIdsFor(IDENTITY, number), view: observed.view ?? { state: 'none' } };
  return {
    now: observed.now ?? T0,
    attempt,
    canDispatch: observed.canDispatch ?? true,
    ...(observed.dispatched !== undefined && { dispatched: true }),
  };
}

function failure(overrides: Partial<AttemptFailure> = {}): AttemptView {
  return {
    state: 'failed',
    failure: { code: 'SOURCE_UNREACHABLE', message: 'gone', permanent: false, deadlineExceeded: false, at: T0.toISOString(), ...overrides },
  };
}

const succeeded: AttemptView = {
  state: 'succeeded',
  result: { files: 3, bytes: 10, sha256: 'ab', location: { type: 'Retained', path: '/x' } },
  at: T0.toISOString(),
};
const stillRunning: AttemptView = { state: 'running' };

function condition(decision: Decision): { status: string; reason: string } | undefined {
  return decision.status?.conditions?.find((c) => c.type === 'Succeeded');
}

function retrying(): DocConversionStatus {
  const object = conversion({ status: running() });
  return decide(object, factsFor(object, { view: failure(), now: at(1) }), policy).status as DocConversionStatus;
}

interface Row extends Observed {
  when: string;
  object: DocConversion;
  actions: string[];
  phase?: string;
  reason?: string;
  events?: string[];
}

const table: Row[] = [
  // A reconcile's first decision.
  { when: 'a new object can be dispatched', object: conversion({ finalizer: false }), actions: ['addFinalizer', 'dispatch'] },
  {
    when: 'a new object finds every dispatch slot busy',
    object: conversion({ finalizer: false }),
    canDispatch: false,
    actions: ['addFinalizer'],
    phase: 'Pending',
    reason: 'Pending',
    events: ['Normal/Pending'],
  },
  { when: 'a running attempt is still running', object: conversion({ status: running() }), view: stillRunning, actions: [] },
  { when: 'a running attempt is no longer tracked (operator restarted)', object: conversion({ status: running() }), actions: ['dispatch'] },
  {
    when: 'a running attempt succeeded',
    object: conversion({ status: running() }),
    view: succeeded,
    now: at(5),
    actions: ['forget'],
    phase: 'Succeeded',
    reason: 'Converted',
    events: ['Normal/Converted'],
  },
  {
    when: 'an attempt failed permanently',
    object: conversion({ status: running() }),
    view: failure({ code: 'NOT_DOCC_ARCHIVE', permanent: true }),
    actions: ['forget'],
    phase: 'Failed',
    reason: 'InvalidArchive',
    events: ['Warning/InvalidArchive'],
  },
  {
    when: 'an attempt ran past timeoutSeconds',
    object: conversion({ status: running() }),
    view: failure({ code: 'TIMED_OUT', deadlineExceeded: true }),
    actions: ['forget'],
    phase: 'Failed',
    reason: 'TimedOut',
    events: ['Warning/TimedOut'],
  },
  {
    when: 'a transient failure waits for its backoff',
    object: conversion({ status: running() }),
    view: failure(),
    now: at(1),
    actions: [],
    phase: 'Running',
    reason: 'Retrying',
    events: ['Warning/Retrying'],
  },
  {
    when: 'the backoff of a transient failure is over',
    object: conversion({ status: running() }),
    view: failure(),
    now: at(11),
    actions: ['dispatch'],
  },
  {
    when: 'the last attempt failed transiently',
    object: conversion({ status: running(3) }),
    view: failure(),
    now: at(60),
    actions: ['forget'],
    phase: 'Failed',
    reason: 'RetriesExhausted',
    events: ['Warning/RetriesExhausted'],
  },
  {
    when: 'a finished object has no TTL',
    object: conversion({ status: { phase: 'Succeeded', completionTime: T0.toISOString() } }),
    actions: ['forget'],
  },
  {
    when: 'a finished object outlived its TTL',
    object: conversion({ spec: { ttlSecondsAfterFinished: 30 }, status: { phase: 'Failed', completionTime: T0.toISOString() } }),
    now: at(31),
    actions: ['forget', 'delete'],
  },
  {
    when: 'a deleted object has a job',
    object: conversion({ status: running(), deleting: T0 }),
    actions: ['forget', 'cleanup', 'removeFinalizer'],
  },
  { when: 'a deleted object has no finalizer', object: conversion({ finalizer: false, deleting: T0 }), actions: ['forget'] },
  // After the fast path: the decision the reconcile that dispatched reports.
  {
    when: 'a new attempt was answered at once (cache hit)',
    object: conversion(),
    dispatched: 1,
    view: succeeded,
    actions: ['forget'],
    phase: 'Succeeded',
    reason: 'Converted',
    events: ['Normal/Converted'],
  },
  {
    when: 'a new attempt is still running after the fast path',
    object: conversion(),
    dispatched: 1,
    view: stillRunning,
    actions: [],
    phase: 'Running',
    reason: 'Running',
    events: ['Normal/Running'],
  },
  {
    when: 'a new attempt failed permanently at once',
    object: conversion(),
    dispatched: 1,
    view: failure({ code: 'NOT_DOCC_ARCHIVE', permanent: true }),
    actions: ['forget'],
    phase: 'Failed',
    reason: 'InvalidArchive',
    events: ['Warning/InvalidArchive'],
  },
  {
    when: 'a new attempt failed transiently at once',
    object: conversion(),
    dispatched: 1,
    view: failure(),
    actions: [],
    phase: 'Running',
    reason: 'Retrying',
    events: ['Warning/Retrying'],
  },
  {
    when: 'a new attempt failed transiently and its backoff is already over',
    object: conversion(),
    dispatched: 1,
    view: failure(),
    now: at(11),
    actions: [],
    phase: 'Running',
    reason: 'Retrying',
    events: ['Warning/Retrying'],
  },
  {
    when: 'a re-attached attempt is still running',
    object: conversion({ status: running() }),
    dispatched: 1,
    view: stillRunning,
    actions: [],
  },
  {
    when: 'a retry is still running after the fast path',
    object: conversion({ status: retrying() }),
    dispatched: 2,
    view: stillRunning,
    now: at(11),
    actions: [],
    phase: 'Running',
    reason: 'Running',
    events: ['Normal/Running'],
  },
  {
    when: 'a retry was answered at once',
    object: conversion({ status: retrying() }),
    dispatched: 2,
    view: succeeded,
    now: at(11),
    actions: ['forget'],
    phase: 'Succeeded',
    reason: 'Converted',
    events: ['Normal/Converted'],
  },
];

describe('decide', () => {
  for (const row of table) {
    describe(`when ${row.when}`, () => {
      const decision = decide(row.object, factsFor(row.object, row), policy);
      it(`plans [${row.actions.join(', ')}]`, () => {
        expect(decision.actions.map((action) => action.type)).to.deep.equal(row.actions);
      });
      it(row.phase ? `reports ${row.phase}/${row.reason}` : 'writes no status', () => {
        expect(decision.status?.phase).to.equal(row.phase);
        expect(condition(decision)?.reason).to.equal(row.reason);
      });
      it(`records ${row.events?.join(', ') ?? 'no events'}`, () => {
        expect(decision.events.map((event) => `${event.type}/${event.reason}`)).to.deep.equal(row.events ?? []);
      });
    });
  }

  describe('when a new object is dispatched', () => {
    const object = conversion({ finalizer: false });
    const decision = decide(object, factsFor(object), policy);
    const reported = decide(conversion(), factsFor(conversion(), { dispatched: 1, view: stillRunning }), policy);
    it('dispatches attempt 1 under the deterministic job id, and writes no status before the fast path', () => {
      expect(decision.actions[1]).to.deep.equal({ type: 'dispatch', attempt: 1, jobId: JOB1 });
      expect(decision.status).to.equal(undefined);
      expect(decision.events).to.deep.equal([]);
    });
    it('reports it Running after the fast path', () => {
      expect(reported.status).to.include({ attempts: 1, jobId: JOB1, startTime: T0.toISOString(), observedGeneration: 1 });
    });
  });

  describe('when every dispatch slot is busy', () => {
    it('rechecks later even if no slot-freed wake-up comes', () => {
      expect(decide(conversion(), factsFor(conversion(), { canDispatch: false }), policy).requeueAfterMs).to.be.greaterThan(0);
    });
  });

  describe('when a retry is dispatched', () => {
    const object = conversion({ status: running() });
    const decision = decide(object, factsFor(object, { view: failure(), now: at(11) }), policy);
    const reported = decide(object, factsFor(object, { dispatched: 2, view: stillRunning, now: at(11) }), policy);
    it('uses a fresh job id and keeps the first startTime', () => {
      expect(decision.actions[0]).to.deep.equal({ type: 'dispatch', attempt: 2, jobId: JOB2 });
      expect(reported.status).to.include({ attempts: 2, jobId: JOB2, startTime: T0.toISOString() });
    });
  });

  describe('when an attempt failed within the fast path and its retry is already due', () => {
    const decision = decide(conversion(), factsFor(conversion(), { dispatched: 1, view: failure(), now: at(11) }), policy);
    it('leaves the retry to the next reconcile, which it requeues at once', () => {
      expect(decision.actions).to.deep.equal([]);
      expect(decision.requeueAfterMs).to.equal(1);
    });
  });

  describe('when a transient failure waits', () => {
    const object = conversion({ status: running() });
    const decision = decide(object, factsFor(object, { view: failure(), now: at(1) }), policy);
    it('requeues for the rest of the backoff', () => {
      expect(decision.requeueAfterMs).to.equal(9000);
    });
    it('keeps the condition transition time while the status stays Unknown', () => {
      expect(decision.status?.conditions?.[0].lastTransitionTime).to.equal(T0.toISOString());
    });
  });

  describe('when the Retrying status was already written', () => {
    const retried = conversion({ status: retrying() });
    const again = decide(retried, factsFor(retried, { view: failure(), now: at(2) }), policy);
    it('writes nothing and records no event', () => {
      expect(again.status).to.equal(undefined);
      expect(again.events).to.deep.equal([]);
    });
  });

  describe('when a succeeded attempt is reported', () => {
    const object = conversion({ status: running() });
    const decision = decide(object, factsFor(object, { view: succeeded, now: at(125) }), policy);
    it('reports completion, duration and the result without Markdown', () => {
      expect(decision.status).to.include({ completionTime: at(125).toISOString(), duration: '2m5s' });
      expect(decision.status?.result).to.deep.equal({ files: 3, bytes: 10, sha256: 'ab', location: { type: 'Retained', path: '/x' } });
      expect(condition(decision)?.status).to.equal('True');
    });
  });

  describe('when a deleted object waited longer than the finalizer timeout', () => {
    it('cleans up best effort', () => {
      const object = conversion({ status: running(), deleting: T0 });
      const decision = decide(object, factsFor(object, { now: at(31) }), policy);
      expect(decision.actions).to.deep.include({ type: 'cleanup', jobId: 'job-1', bestEffort: true });
    });
  });

  describe('when the finished object TTL has time left', () => {
    it('requeues when it expires', () => {
      const object = conversion({
        spec: { ttlSecondsAfterFinished: 30 },
        status: { phase: 'Succeeded', completionTime: T0.toISOString() },
      });
      expect(decide(object, factsFor(object, { now: at(10) }), policy).requeueAfterMs).to.equal(20_000);
    });
  });

  describe('retryDelayMs', () => {
    const f = { code: 'OVERLOADED', message: '', permanent: false, deadlineExceeded: false, at: '' } as const;
    it('doubles per attempt up to the cap, never below Retry-After', () => {
      expect([1, 2, 3, 4].map((n) => retryDelayMs(n, f, policy))).to.deep.equal([10_000, 20_000, 40_000, 60_000]);
      expect(retryDelayMs(1, { ...f, retryAfterSeconds: 30 }, policy)).to.equal(30_000);
    });
  });
});

describe('decide() while the managed pool has no ready pod', () => {
  it('keeps a new conversion Pending with a message that says so, and rechecks later', () => {
    const object = conversion({ finalizer: true });
    const decision = decide(object, { ...factsFor(object, { canDispatch: false }), noReadyPods: true }, policy);
    expect(decision.status?.phase).to.equal('Pending');
    expect(condition(decision)).to.include({ status: 'Unknown', reason: 'Pending' });
    expect(decision.status?.conditions?.[0].message).to.equal('Waiting for the converter pool: no converter pod is ready');
    expect(decision.actions).to.deep.equal([]);
    expect(decision.requeueAfterMs).to.be.greaterThan(0);
  });
});
