import { expect } from 'chai';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBuiltinRunner } from '../../../converter/runner/builtin.ts';
import type { BuiltinRunner } from '../../../converter/runner/builtin.ts';
import { createSwiftRunner } from '../../../converter/runner/swift.ts';
import type { ConversionRunner, RunRequest } from '../../../converter/runner/types.ts';
import { convertPath } from '../../../converter/engine/index.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../converter/archive/types.ts';
import { zipRunInput } from '../../../converter/conversion/pipeline.ts';
import { expectAppError } from '../../support/app-error.ts';
import { repeatedReference } from '../../support/hostile-archives.ts';
import { DOCC_FIXTURES, REPO_ROOT } from '../../support/paths.ts';
import { buildZip, tempDir } from '../archive/zip-builder.ts';
import { zipDirectory } from '../../support/zip.ts';
import { eventually } from './process-support.ts';
import { readZip } from './zip-contents.ts';

const FIXTURE = path.join(DOCC_FIXTURES, 'Docc2contextCore.doccarchive');
const SMALL_FIXTURE = path.join(DOCC_FIXTURES, 'ArticleReference.doccarchive');
const LONG = 60_000;

describe('createBuiltinRunner', function () {
  // Real conversions on a shared CI machine: allow for a slow, busy host.
  this.timeout(120_000);
  let workspace: string;
  let runner: BuiltinRunner;
  const request = (overrides: Partial<RunRequest> = {}): RunRequest => ({
    input: { kind: 'directory', path: FIXTURE },
    outputZip: path.join(workspace, 'result.zip'),
    options: {},
    timeoutMs: LONG,
    ...overrides,
  });

  beforeEach(async () => {
    workspace = await tempDir('builtin');
    runner = createBuiltinRunner({ concurrency: 2, queueLimit: 2 });
  });
  afterEach(async () => {
    await runner.close(0);
    await rm(workspace, { recursive: true, force: true });
  });

  describe('when it converts the Docc2contextCore fixture', () => {
    it('writes the same zip as the engine run in-process, and reports counts', async () => {
      const result = await runner.run(request({ options: { profile: 'swift-compat' } }));
      expect(result.engine).to.equal('builtin');
      expect(result.counts.symbols).to.be.greaterThan(0);
      expect(result.files).to.be.greaterThan(10);
      const expectedZip = path.join(workspace, 'expected.zip');
      await convertPath({
        inputPath: FIXTURE,
        outputPath: expectedZip,
        force: false,
        options: { profile: 'swift-compat', symbolLayout: 'tree', tutorialLayout: 'chapter', technologies: [] },
      });
      const [actual, expected] = await Promise.all([readZip(request().outputZip), readZip(expectedZip)]);
      expect([...actual.keys()]).to.deep.equal([...expected.keys()]);
      for (const [name, bytes] of expected) expect(actual.get(name)?.equals(bytes), name).to.equal(true);
      expect(result.files).to.equal(actual.size);
    });

    it('runs conversions in parallel on two worker threads', async () => {
      const results = await Promise.all(
        [1, 2].map((n) =>
          runner.run(request({ input: { kind: 'directory', path: SMALL_FIXTURE }, outputZip: path.join(workspace, `r${n}.zip`) })),
        ),
      );
      expect(results[1].files).to.equal(results[0].files).and.to.be.greaterThan(0);
      expect(runner.workers()).to.equal(2);
    });
  });

  describe('when it is given the validated upload zip to read in place', () => {
    const zipInput = (zipPath: string, root: string): RunRequest['input'] => zipRunInput(zipPath, root, DEFAULT_ARCHIVE_LIMITS);

    it('writes the same zip as from the extracted directory, archive one folder down', async () => {
      const zipPath = path.join(workspace, 'upload.zip');
      await zipDirectory(zipPath, SMALL_FIXTURE, 'wrapper/ArticleReference.doccarchive/');
      const fromZip = await runner.run(
        request({ input: zipInput(zipPath, 'wrapper/ArticleReference.doccarchive'), outputZip: path.join(workspace, 'zip.zip') }),
      );
      const fromDir = await runner.run(
        request({ input: { kind: 'directory', path: SMALL_FIXTURE }, outputZip: path.join(workspace, 'dir.zip') }),
      );
      expect(fromZip.files).to.equal(fromDir.files).and.to.be.greaterThan(0);
      const [zipped, extracted] = await Promise.all([readZip(path.join(workspace, 'zip.zip')), readZip(path.join(workspace, 'dir.zip'))]);
      expect([...zipped.keys()]).to.deep.equal([...extracted.keys()]);
      for (const [name, bytes] of extracted) expect(zipped.get(name)?.equals(bytes), name).to.equal(true);
    });

    it('refuses an entry that lies about its size as ARCHIVE_TOO_LARGE, as extraction would', async () => {
      const zipPath = path.join(workspace, 'liar.zip');
      await writeFile(
        zipPath,
        buildZip([
          { name: 'Demo.doccarchive/metadata.json', data: '{}' },
          { name: 'Demo.doccarchive/liar.bin', data: Buffer.alloc(2 * 1024 * 1024), declaredSize: 10 },
        ]),
      );
      const error = await expectAppError(runner.run(request({ input: zipInput(zipPath, 'Demo.doccarchive') })), 'ARCHIVE_TOO_LARGE');
      expect(error.message).not.to.contain(workspace);
      expect((await readdir(workspace)).sort()).to.deep.equal(['liar.zip']);
    });

    it('refuses an entry with a wrong checksum as CORRUPT_ARCHIVE', async () => {
      const zipPath = path.join(workspace, 'crc.zip');
      await writeFile(zipPath, buildZip([{ name: 'Demo.doccarchive/metadata.json', data: '{}', crc: 7 }]));
      await expectAppError(runner.run(request({ input: zipInput(zipPath, 'Demo.doccarchive') })), 'CORRUPT_ARCHIVE');
    });
  });

  describe('when the engine rejects the input', () => {
    it('fails with CONVERSION_FAILED and a message without local paths', async () => {
      const input = path.join(workspace, 'input', 'NotDocc');
      await mkdir(input, { recursive: true });
      const error = await expectAppError(runner.run(request({ input: { kind: 'directory', path: input } })), 'CONVERSION_FAILED');
      expect(error.message).not.to.contain(workspace);
      expect(error.message.length).to.be.greaterThan(0);
    });
  });

  describe('when the conversion times out', () => {
    it('fails with TIMED_OUT, leaves no partial zip, and the next conversion succeeds', async () => {
      const one = createBuiltinRunner({ concurrency: 1, queueLimit: 0 });
      try {
        await expectAppError(one.run(request({ timeoutMs: 1 })), 'TIMED_OUT');
        expect(await readdir(workspace)).to.deep.equal([]);
        expect(one.stats().inFlight).to.equal(0);
        const result = await one.run(request({ input: { kind: 'directory', path: SMALL_FIXTURE } }));
        expect(result.files).to.be.greaterThan(0);
      } finally {
        await one.close(0);
      }
    });
  });

  describe('when the client disconnects in the middle of writing', () => {
    it('stops the worker, removes the partial output and frees the slot', async () => {
      const controller = new AbortController();
      const running = runner.run(request({ signal: controller.signal }));
      const writing = await eventually(async () => (await readdir(workspace)).some((name) => name.startsWith('.result.zip.')), 1000);
      controller.abort();
      const outcome = await running.then(
        () => 'resolved',
        (error: Error) => error.name,
      );
      expect(writing, 'the engine never started writing').to.equal(true);
      expect(outcome).to.equal('AbortError');
      expect(await readdir(workspace)).to.deep.equal([]);
      expect(runner.stats().inFlight).to.equal(0);
    });
  });

  describe('when the client disconnects', () => {
    it('stops the conversion and frees the slot', async () => {
      const controller = new AbortController();
      const running = runner.run(request({ signal: controller.signal }));
      controller.abort();
      const outcome = await running.then(
        () => 'resolved',
        (error: Error) => error.name,
      );
      expect(outcome).to.equal('AbortError');
      expect(runner.stats().inFlight).to.equal(0);
    });
  });
});

describe('createBuiltinRunner with an output cap', function () {
  this.timeout(120_000);
  let workspace: string;
  let runner: BuiltinRunner;
  beforeEach(async () => {
    workspace = await tempDir('builtin-cap');
    runner = createBuiltinRunner({ concurrency: 1, queueLimit: 0, maxOutputBytes: 1024 * 1024 });
  });
  afterEach(async () => {
    await runner.close(0);
    await rm(workspace, { recursive: true, force: true });
  });

  describe('when a hostile archive repeats one big reference past MAX_OUTPUT_BYTES', () => {
    it('fails with OUTPUT_TOO_LARGE (413) naming the setting and leaves no output', async () => {
      const input = path.join(workspace, 'Hostile.doccarchive');
      for (const [name, content] of Object.entries(repeatedReference(3000, 10 * 1024))) {
        await mkdir(path.dirname(path.join(input, name)), { recursive: true });
        await writeFile(path.join(input, name), content);
      }
      const outputZip = path.join(workspace, 'out', 'result.zip');
      await mkdir(path.dirname(outputZip));
      const error = await expectAppError(
        runner.run({ input: { kind: 'directory', path: input }, outputZip, options: {}, timeoutMs: LONG }),
        'OUTPUT_TOO_LARGE',
      );
      expect(error.status).to.equal(413);
      expect(error.message).to.contain('1 MiB').and.contain('MAX_OUTPUT_BYTES');
      expect(await readdir(path.dirname(outputZip))).to.deep.equal([]);
    });
  });
});

describe('createSwiftRunner with our own docc2context CLI', function () {
  this.timeout(120_000);
  let workspace: string;
  let runner: ConversionRunner;
  beforeEach(async () => {
    workspace = await tempDir('swift-cli');
    runner = createSwiftRunner({
      binaryPath: path.join(REPO_ROOT, 'bin', 'docc2context.js'),
      concurrency: 1,
      queueLimit: 0,
      maxOutputBytes: 64 * 1024 * 1024,
      maxStdioBytes: 64 * 1024,
      env: { PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}:/usr/bin:/bin` },
    });
  });
  afterEach(async () => {
    await runner.close(0);
    await rm(workspace, { recursive: true, force: true });
  });

  describe('when it converts the Docc2contextCore fixture', () => {
    it('gives the same files, counts and zip contents as the builtin engine', async () => {
      const builtin = createBuiltinRunner({ concurrency: 1, queueLimit: 0 });
      try {
        const options = { profile: 'swift-compat' } as const;
        const viaCli = await runner.run({
          input: { kind: 'directory', path: FIXTURE },
          outputZip: path.join(workspace, 'cli.zip'),
          options,
          timeoutMs: LONG,
        });
        const viaPool = await builtin.run({
          input: { kind: 'directory', path: FIXTURE },
          outputZip: path.join(workspace, 'pool.zip'),
          options,
          timeoutMs: LONG,
        });
        expect(viaCli.engine).to.equal('swift');
        expect({ ...viaCli.counts, tutorials: 0 }).to.deep.equal({ ...viaPool.counts, tutorials: 0 });
        const [cli, pool] = await Promise.all([readZip(path.join(workspace, 'cli.zip')), readZip(path.join(workspace, 'pool.zip'))]);
        expect([...cli.keys()].sort()).to.deep.equal([...pool.keys()].sort());
        for (const [name, bytes] of pool) expect(cli.get(name)?.equals(bytes), name).to.equal(true);
      } finally {
        await builtin.close(0);
      }
    });
  });

  describe('when the CLI refuses the input (exit 64)', () => {
    it('fails with CONVERSION_FAILED and the CLI message without local paths', async () => {
      const input = path.join(workspace, 'input', 'NotDocc');
      await mkdir(input, { recursive: true });
      const error = await expectAppError(
        runner.run({ input: { kind: 'directory', path: input }, outputZip: path.join(workspace, 'out.zip'), options: {}, timeoutMs: LONG }),
        'CONVERSION_FAILED',
      );
      expect(error.message).to.contain('NotDocc').and.not.contain(workspace);
    });
  });
});
