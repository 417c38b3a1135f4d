import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { detectBinary } from '../../../converter/runner/detect.ts';
import { createRunner } from '../../../converter/runner/index.ts';
import type { RunnerSelection } from '../../../converter/runner/index.ts';
import { DOCC_FIXTURES, REPO_ROOT } from '../../support/paths.ts';
import { tempDir } from '../archive/zip-builder.ts';
import { SCRIPTS } from './process-support.ts';

const ENV = { PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}:/usr/bin:/bin` };
const options = { timeoutMs: 20_000, env: ENV };

describe('detectBinary', () => {
  describe('when the binary answers --help with exit 0', () => {
    it('detects the stand-in script', async () => {
      expect(await detectBinary(path.join(SCRIPTS, 'fake-docc2context.sh'), options)).to.equal(true);
    });

    it('detects our own docc2context CLI', async () => {
      expect(await detectBinary(path.join(REPO_ROOT, 'bin', 'docc2context.js'), options)).to.equal(true);
    });
  });

  describe('when the binary is missing, not executable or answers --help with an error', () => {
    for (const binary of [
      path.join(SCRIPTS, 'missing'),
      path.join(SCRIPTS, 'tasks.worker.ts'),
      path.join(SCRIPTS, 'fail-64.sh'),
      'docc2context-not-on-path',
    ]) {
      it(`does not detect ${path.basename(binary)}`, async () => {
        expect(await detectBinary(binary, options)).to.equal(false);
      });
    }
  });
});

describe('createRunner', () => {
  let selection: RunnerSelection | undefined;
  afterEach(async () => {
    await selection?.runner.close(0);
    selection = undefined;
  });

  describe('when the mode is auto and the binary is found', () => {
    it('picks swift and reports the binary', async () => {
      selection = await createRunner({ mode: 'auto', binaryPath: path.join(SCRIPTS, 'fake-docc2context.sh') }, { env: ENV });
      expect(selection).to.include({ engine: 'swift', binaryDetected: true, ready: true });
      expect(selection.runner.engine).to.equal('swift');
    });
  });

  describe('when the mode is auto and the binary is missing', () => {
    it('falls back to builtin, says the binary is not detected and is ready', async () => {
      selection = await createRunner({ mode: 'auto', binaryPath: path.join(SCRIPTS, 'missing') }, { env: ENV });
      expect(selection).to.include({ engine: 'builtin', binaryDetected: false, ready: true });
      expect(selection.runner.stats()).to.deep.equal({ inFlight: 0, queued: 0, capacity: 2, queueLimit: 4 });
    });
  });

  describe('when swift is required but the binary is missing', () => {
    it('builds the swift runner but is not ready', async () => {
      selection = await createRunner({ mode: 'swift', binaryPath: path.join(SCRIPTS, 'missing') }, { env: ENV });
      expect(selection).to.include({ engine: 'swift', binaryDetected: false, ready: false });
    });
  });

  describe('when the builtin engine starts warm', () => {
    it('has every worker thread up before the first conversion, and converts', async function () {
      this.timeout(120_000);
      selection = await createRunner({ mode: 'builtin', binaryPath: path.join(SCRIPTS, 'missing') }, { env: ENV, warm: true });
      expect(selection.workers()).to.equal(2);
      const workspace = await tempDir('warm');
      try {
        const outputZip = path.join(workspace, 'result.zip');
        const result = await selection.runner.run({
          input: { kind: 'directory', path: path.join(DOCC_FIXTURES, 'ArticleReference.doccarchive') },
          outputZip,
          options: {},
          timeoutMs: 60_000,
        });
        expect(result.engine).to.equal('builtin');
        expect(result.files).to.be.greaterThan(0);
      } finally {
        await rm(workspace, { recursive: true, force: true });
      }
    });
  });

  describe('when the Swift binary is found and requests ask for different profiles', () => {
    it('serves swift-compat with the Swift CLI and rich (the default) with the builtin engine', async function () {
      this.timeout(180_000);
      selection = await createRunner({ mode: 'auto', binaryPath: path.join(REPO_ROOT, 'bin', 'docc2context.js') }, { env: ENV });
      expect(selection.engine).to.equal('swift');
      expect(selection.runner.inputKind({ profile: 'swift-compat' }), 'the Swift CLI reads directories').to.equal('directory');
      expect(selection.runner.inputKind({}), 'the builtin engine reads the zip in place').to.equal('zip');
      const workspace = await tempDir('route');
      try {
        const inputDir = path.join(DOCC_FIXTURES, 'ArticleReference.doccarchive');
        const run = (options: object, name: string) =>
          selection!.runner.run({
            input: { kind: 'directory', path: inputDir },
            outputZip: path.join(workspace, name),
            options,
            timeoutMs: 60_000,
          });
        const compat = await run({ profile: 'swift-compat' }, 'compat.zip');
        const rich = await run({}, 'rich.zip');
        expect(compat.engine).to.equal('swift');
        expect(rich.engine).to.equal('builtin');
        expect(rich.warnings.join('\n')).not.to.contain('ignores profile');
        expect(selection.runner.stats().capacity).to.be.greaterThan(2);
      } finally {
        await rm(workspace, { recursive: true, force: true });
      }
    });
  });

  describe('when builtin is required and the binary exists', () => {
    it('uses builtin and still reports the binary as detected', async () => {
      selection = await createRunner(
        { mode: 'builtin', binaryPath: path.join(SCRIPTS, 'fake-docc2context.sh'), concurrency: 3 },
        { env: ENV },
      );
      expect(selection).to.include({ engine: 'builtin', binaryDetected: true, ready: true });
      expect(selection.runner.stats().capacity).to.equal(3);
    });
  });
});
