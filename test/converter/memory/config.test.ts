import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../converter/config.ts';
import { parseCgroupLimit, readCgroupMemoryLimit } from '../../../converter/memory/cgroup.ts';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe('converter memory settings', () => {
  describe('when no limit is configured or detected', () => {
    it('keeps Node heap defaults and a 512 MiB output cap', () => {
      expect(loadConfig({}).memory).to.deep.equal({ limitBytes: undefined, workerMaxHeapMb: 0, maxOutputBytes: 512 * MIB });
    });
  });

  describe('when the cgroup limit is 2 GiB and two workers run', () => {
    it('caps each worker heap so main + workers stay under it, and sizes the output cap from it', () => {
      const { memory } = loadConfig({ WORKERS: '2' }, { cgroupMemoryBytes: 2 * GIB });
      expect(memory.limitBytes).to.equal(2 * GIB);
      expect(memory.workerMaxHeapMb).to.equal(454);
      expect(2 * memory.workerMaxHeapMb * MIB).to.be.below(2 * GIB * 0.6);
      expect(memory.maxOutputBytes).to.equal(128 * MIB);
    });
  });

  describe('when MEMORY_LIMIT_BYTES is set', () => {
    it('wins over the cgroup limit, and explicit caps win over the derived ones', () => {
      const config = loadConfig({ MEMORY_LIMIT_BYTES: String(GIB), WORKERS: '4' }, { cgroupMemoryBytes: 8 * GIB });
      expect(config.memory).to.include({ limitBytes: GIB, maxOutputBytes: 64 * MIB });
      expect(config.memory.workerMaxHeapMb).to.equal(96);
      const explicit = loadConfig({ MEMORY_LIMIT_BYTES: String(GIB), WORKER_MAX_HEAP_MB: '300', MAX_OUTPUT_BYTES: String(10 * MIB) });
      expect(explicit.memory).to.include({ workerMaxHeapMb: 300, maxOutputBytes: 10 * MIB });
    });
  });
});

describe('readCgroupMemoryLimit', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cgroup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when cgroup v2 says max and v1 gives a number', () => {
    it('falls through to the v1 number', () => {
      writeFileSync(path.join(dir, 'v2'), 'max\n');
      writeFileSync(path.join(dir, 'v1'), '1073741824\n');
      expect(readCgroupMemoryLimit([path.join(dir, 'v2'), path.join(dir, 'v1')])).to.equal(GIB);
    });
  });

  describe('when no file can be read or v1 reports its no-limit sentinel', () => {
    it('gives undefined', () => {
      expect(readCgroupMemoryLimit([path.join(dir, 'missing')])).to.equal(undefined);
      expect(parseCgroupLimit('9223372036854771712')).to.equal(undefined);
      expect(parseCgroupLimit('garbage')).to.equal(undefined);
    });
  });
});
