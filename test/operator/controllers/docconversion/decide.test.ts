import { expect } from 'chai';
import { decide, retryDelayMs } from '../../../../operator/controllers/docconversion/decide.ts';
import type { AttemptFailure, AttemptView, Decision, Facts, Policy } from '../../../../operator/controllers/docconversion/decision.ts';
import { jobIdFor } from '../../../../operator/controllers/docconversion/job-id.ts';
import type { DocConversion } from '../../../../operator/api/docconversion.generated.ts';
import { T0, at, conversion, running } from './builders.ts';

const policy: Policy = { retryBaseMs: 10_000, retryMaxMs: 60_000, finalizerTimeoutMs: 30_000 };
const JOB1 = jobIdFor({ namespace: 'docs', name: 'sloth', uid: 'uid-1' }, 1);
const JOB2 = jobIdFor({ namespace: 'docs', name: 'sloth', uid: 'uid-1' }, 2);

function facts(attempt: AttemptView = { state: 'none' }, now = T0, canDispatch = true): Facts {
  return { now, attempt, canDispatch };
}

function failure(overrides: Partial<AttemptFailure> = {}): AttemptView {
  return { state: 'failed', failure: { code: 'SOURCE_UNREACHABLE', message: 'gone', permanent: false, deadlineExceeded: false, at: T0.toISOString(), ...overrides } };
}

const succeeded: AttemptView = { state: 'succeeded', result: { files: 3, bytes: 10, sha256: 'ab', location: { type: 'Retained', path: '/x' } }, at: T0.toISOString() };

function condition(decision: Decision): { status: string; reason: string } | undefined {
  return decision.status?.conditions?.find((c) => c.type === 'Succeeded');
}

interface Row {
  when: string;
  object: DocConversion;
  facts: Facts;
  actions: string[];
  phase?: string;
  reason?: string;
  events?: string[];
}

const table: Row[] = [
  { when: 'a new object can be dispatched', object: conversion({ finalizer: false }), facts: facts(), actions: ['addFinalizer', 'dispatch'], phase: 'Running', reason: 'Running', events: ['Normal/Running'] },
  { when: 'a new object finds every dispatch slot busy', object: conversion({ finalizer: false }), facts: facts({ state: 'none' }, T0, false), actions: ['addFinalizer'], phase: 'Pending', reason: 'Pending', events: ['Normal/Pending'] },
  { when: 'a new object was answered at once (cache hit)', object: conversion(), facts: facts(succeeded), actions: ['forget'], phase: 'Succeeded', reason: 'Converted', events: ['Normal/Converted'] },
  { when: 'a running attempt is still running', object: conversion({ status: running() }), facts: facts({ state: 'running' }), actions: [] },
  { when: 'a running attempt is no longer tracked (operator restarted)', object: conversion({ status: running() }), facts: facts(), actions: ['dispatch'] },
  { when: 'a running attempt succeeded', object: conversion({ status: running() }), facts: facts(succeeded, at(5)), actions: ['forget'], phase: 'Succeeded', reason: 'Converted', events: ['Normal/Converted'] },
  { when: 'an attempt failed permanently', object: conversion({ status: running() }), facts: facts(failure({ code: 'NOT_DOCC_ARCHIVE', permanent: true })), actions: ['forget'], phase: 'Failed', reason: 'InvalidArchive', events: ['Warning/InvalidArchive'] },
  { when: 'an attempt ran past timeoutSeconds', object: conversion({ status: running() }), facts: facts(failure({ code: 'TIMED_OUT', deadlineExceeded: true })), actions: ['forget'], phase: 'Failed', reason: 'TimedOut', events: ['Warning/TimedOut'] },
  { when: 'a transient failure waits for its backoff', object: conversion({ status: running() }), facts: facts(failure(), at(1)), actions: [], phase: 'Running', reason: 'Retrying', events: ['Warning/Retrying'] },
  { when: 'the backoff of a transient failure is over', object: conversion({ status: running() }), facts: facts(failure(), at(11)), actions: ['dispatch'], phase: 'Running', reason: 'Running', events: ['Normal/Running'] },
  { when: 'the last attempt failed transiently', object: conversion({ status: running(3) }), facts: facts(failure(), at(60)), actions: ['forget'], phase: 'Failed', reason: 'RetriesExhausted', events: ['Warning/RetriesExhausted'] },
  { when: 'a finished object has no TTL', object: conversion({ status: { phase: 'Succeeded', completionTime: T0.toISOString() } }), facts: facts(), actions: ['forget'] },
  { when: 'a finished object outlived its TTL', object: conversion({ spec: { ttlSecondsAfterFinished: 30 }, status: { phase: 'Failed', completionTime: T0.toISOString() } }), facts: facts({ state: 'none' }, at(31)), actions: ['forget', 'delete'] },
  { when: 'a deleted object has a job', object: conversion({ status: running(), deleting: T0 }), facts: facts(), actions: ['forget', 'cleanup', 'removeFinalizer'] },
  { when: 'a deleted object has no finalizer', object: conversion({ finalizer: false, deleting: T0 }), facts: facts(), actions: ['forget'] },
];

describe('decide', () => {
  for (const row of table) {
    describe(`when ${row.when}`, () => {
      const decision = decide(row.object, row.facts, policy);
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
    const decision = decide(conversion({ finalizer: false }), facts(), policy);
    it('dispatches attempt 1 under the deterministic job id and reports it', () => {
      expect(decision.actions[1]).to.deep.equal({ type: 'dispatch', attempt: 1, jobId: JOB1 });
      expect(decision.status).to.include({ attempts: 1, jobId: JOB1, startTime: T0.toISOString(), observedGeneration: 1 });
    });
  });

  describe('when every dispatch slot is busy', () => {
    it('rechecks later even if no slot-freed wake-up comes', () => {
      expect(decide(conversion(), facts({ state: 'none' }, T0, false), policy).requeueAfterMs).to.be.greaterThan(0);
    });
  });

  describe('when a retry is dispatched', () => {
    const decision = decide(conversion({ status: running() }), facts(failure(), at(11)), policy);
    it('uses a fresh job id and keeps the first startTime', () => {
      expect(decision.actions[0]).to.deep.equal({ type: 'dispatch', attempt: 2, jobId: JOB2 });
      expect(decision.status).to.include({ attempts: 2, startTime: T0.toISOString() });
    });
  });

  describe('when a transient failure waits', () => {
    const decision = decide(conversion({ status: running() }), facts(failure(), at(1)), policy);
    it('requeues for the rest of the backoff', () => {
      expect(decision.requeueAfterMs).to.equal(9000);
    });
    it('keeps the condition transition time while the status stays Unknown', () => {
      expect(decision.status?.conditions?.[0].lastTransitionTime).to.equal(T0.toISOString());
    });
  });

  describe('when the Retrying status was already written', () => {
    const first = decide(conversion({ status: running() }), facts(failure(), at(1)), policy);
    const again = decide(conversion({ status: first.status }), facts(failure(), at(2)), policy);
    it('writes nothing and records no event', () => {
      expect(again.status).to.equal(undefined);
      expect(again.events).to.deep.equal([]);
    });
  });

  describe('when a succeeded attempt is reported', () => {
    const decision = decide(conversion({ status: running() }), facts(succeeded, at(125)), policy);
    it('reports completion, duration and the result without Markdown', () => {
      expect(decision.status).to.include({ completionTime: at(125).toISOString(), duration: '2m5s' });
      expect(decision.status?.result).to.deep.equal({ files: 3, bytes: 10, sha256: 'ab', location: { type: 'Retained', path: '/x' } });
      expect(condition(decision)?.status).to.equal('True');
    });
  });

  describe('when a deleted object waited longer than the finalizer timeout', () => {
    it('cleans up best effort', () => {
      const decision = decide(conversion({ status: running(), deleting: T0 }), facts({ state: 'none' }, at(31)), policy);
      expect(decision.actions).to.deep.include({ type: 'cleanup', jobId: 'job-1', bestEffort: true });
    });
  });

  describe('when the finished object TTL has time left', () => {
    it('requeues when it expires', () => {
      const object = conversion({ spec: { ttlSecondsAfterFinished: 30 }, status: { phase: 'Succeeded', completionTime: T0.toISOString() } });
      expect(decide(object, facts({ state: 'none' }, at(10)), policy).requeueAfterMs).to.equal(20_000);
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
    const decision = decide(conversion({ finalizer: true }), { ...facts({ state: 'none' }, T0, false), noReadyPods: true }, policy);
    expect(decision.status?.phase).to.equal('Pending');
    expect(condition(decision)).to.include({ status: 'Unknown', reason: 'Pending' });
    expect(decision.status?.conditions?.[0].message).to.equal('Waiting for the converter pool: no converter pod is ready');
    expect(decision.actions).to.deep.equal([]);
    expect(decision.requeueAfterMs).to.be.greaterThan(0);
  });
});
