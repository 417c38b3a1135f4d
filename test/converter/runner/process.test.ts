import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runProcess } from '../../../converter/runner/process.ts';
import { expectAppError } from '../../support/app-error.ts';
import { tempDir } from '../archive/zip-builder.ts';
import { eventually, isAlive, readPids, SCRIPTS } from './process-support.ts';

const ENV = { PATH: '/usr/bin:/bin' };

describe('runProcess', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('process');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('when the child hangs and has a hanging grandchild', () => {
    it('times out with TIMED_OUT and kills the whole process group', async () => {
      const pidFile = path.join(dir, 'pids');
      await expectAppError(
        runProcess({
          command: path.join(SCRIPTS, 'hang.sh'),
          args: [],
          timeoutMs: 3000,
          maxOutputBytes: 1024,
          env: { ...ENV, PID_FILE: pidFile },
        }),
        'TIMED_OUT',
      );
      const pids = await readPids(pidFile);
      expect(pids).to.have.length(2);
      for (const pid of pids) expect(await eventually(async () => !(await isAlive(pid))), `pid ${pid} still alive`).to.equal(true);
    });

    it('stops on abort with the abort reason and kills the group', async () => {
      const pidFile = path.join(dir, 'pids');
      const controller = new AbortController();
      const running = runProcess({
        command: path.join(SCRIPTS, 'hang.sh'),
        args: [],
        timeoutMs: 60_000,
        maxOutputBytes: 1024,
        signal: controller.signal,
        env: { ...ENV, PID_FILE: pidFile },
      });
      expect(await eventually(async () => (await readPids(pidFile)).length === 2)).to.equal(true);
      controller.abort(new Error('client disconnected'));
      const outcome = await running.then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      expect(outcome).to.equal('client disconnected');
      for (const pid of await readPids(pidFile)) expect(await eventually(async () => !(await isAlive(pid)))).to.equal(true);
    });
  });

  describe('when the child prints more than the cap', () => {
    it('keeps only the cap and says it truncated', async () => {
      const outcome = await runProcess({
        command: path.join(SCRIPTS, 'flood.sh'),
        args: [],
        timeoutMs: 60_000,
        maxOutputBytes: 1000,
        env: ENV,
      });
      expect(outcome.exitCode).to.equal(64);
      expect(Buffer.byteLength(outcome.stdout)).to.equal(1000);
      expect(outcome.truncated).to.equal(true);
    });
  });

  describe('when the child dies from a signal', () => {
    it('reports the signal and no exit code', async () => {
      const outcome = await runProcess({
        command: path.join(SCRIPTS, 'crash.sh'),
        args: [],
        timeoutMs: 60_000,
        maxOutputBytes: 1000,
        env: ENV,
      });
      expect(outcome).to.include({ exitCode: null, signal: 'SIGSEGV' });
    });
  });

  describe('when the arguments contain shell syntax', () => {
    it('passes them verbatim, never through a shell', async () => {
      const outcome = await runProcess({
        command: '/bin/echo',
        args: ['$(touch pwned)', '; rm -rf /', '`id`'],
        timeoutMs: 60_000,
        maxOutputBytes: 1000,
        cwd: dir,
        env: ENV,
      });
      expect(outcome.stdout).to.equal('$(touch pwned) ; rm -rf / `id`\n');
    });
  });

  describe('when the binary does not exist', () => {
    it('fails as INTERNAL', async () => {
      await expectAppError(
        runProcess({ command: path.join(dir, 'missing'), args: [], timeoutMs: 60_000, maxOutputBytes: 1000 }),
        'INTERNAL',
      );
    });
  });
});
