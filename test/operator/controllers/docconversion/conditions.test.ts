import { expect } from 'chai';
import { findCondition, sameConditions, setCondition } from '../../../../operator/controllers/docconversion/conditions.ts';
import { formatDuration, sameStatus } from '../../../../operator/controllers/docconversion/status.ts';
import { T0, at } from './builders.ts';

const unknown = { type: 'Succeeded', status: 'Unknown', reason: 'Running', message: 'running' } as const;

describe('conditions', () => {
  describe('when a condition is set for the first time', () => {
    it('stamps lastTransitionTime with now', () => {
      const [condition] = setCondition(undefined, unknown, T0);
      expect(condition).to.include({ ...unknown, lastTransitionTime: T0.toISOString() });
    });
  });

  describe('when only the reason and message change', () => {
    it('keeps lastTransitionTime', () => {
      const first = setCondition(undefined, unknown, T0);
      const second = setCondition(first, { ...unknown, reason: 'Retrying', message: 'again' }, at(10));
      expect(findCondition(second, 'Succeeded')).to.include({ reason: 'Retrying', lastTransitionTime: T0.toISOString() });
    });
  });

  describe('when the status flips', () => {
    it('moves lastTransitionTime to now and keeps one condition per type', () => {
      const first = setCondition(undefined, unknown, T0);
      const second = setCondition(first, { ...unknown, status: 'True', reason: 'Converted' }, at(10));
      expect(second).to.have.length(1);
      expect(second[0].lastTransitionTime).to.equal(at(10).toISOString());
    });
  });

  describe('when another type is set', () => {
    it('leaves the first one alone and does not mutate the input', () => {
      const first = setCondition(undefined, unknown, T0);
      const second = setCondition(first, { ...unknown, type: 'Stalled' }, at(1));
      expect(first).to.have.length(1);
      expect(second.map((c) => c.type)).to.deep.equal(['Succeeded', 'Stalled']);
    });
  });

  describe('sameConditions', () => {
    it('compares content regardless of order', () => {
      const a = setCondition(setCondition(undefined, unknown, T0), { ...unknown, type: 'B' }, T0);
      expect(sameConditions(a, [...a].reverse())).to.equal(true);
      expect(sameConditions(a, setCondition(a, { ...unknown, message: 'x' }, T0))).to.equal(false);
    });
  });

  describe('sameStatus', () => {
    it('ignores key order and undefined fields', () => {
      expect(sameStatus({ phase: 'Running', attempts: 1 }, { attempts: 1, phase: 'Running', jobId: undefined })).to.equal(true);
      expect(sameStatus({ phase: 'Running' }, { phase: 'Failed' })).to.equal(false);
    });
  });

  describe('formatDuration', () => {
    it('prints the compact printer-column form', () => {
      expect(formatDuration(T0.toISOString(), at(45).toISOString())).to.equal('45s');
      expect(formatDuration(T0.toISOString(), at(3603).toISOString())).to.equal('1h0m3s');
    });
  });
});
