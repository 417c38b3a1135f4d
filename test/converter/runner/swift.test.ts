import { expect } from 'chai';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import { createSwiftRunner } from '../../../converter/runner/swift.ts';
import type { SwiftRunnerOptions } from '../../../converter/runner/swift.ts';
import type { ConversionRunner, RunRequest } from '../../../converter/runner/types.ts';
import { expectAppError } from '../../support/app-error.ts';
import { tempDir } from '../archive/zip-builder.ts';
import { eventually, isAlive, readPids, SCRIPTS } from './process-support.ts';

const LONG = 60_000;

async function zipEntries(file: string): Promise<string[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return names;
}

async function zipText(file: string, name: string): Promise<string> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          zip.close();
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
      });
    });
    zip.on('end', () => reject(new Error(`${name} not in zip`)));
    zip.on('error', reject);
    zip.readEntry();
  });
}

describe('createSwiftRunner', () => {
  let workspace: string;
  let runner: ConversionRunner;
  let pidFile: string;

  const make = (script: string, overrides: Partial<SwiftRunnerOptions> = {}) => {
    runner = createSwiftRunner({
      binaryPath: path.join(SCRIPTS, script),
      concurrency: 1,
      queueLimit: 0,
      maxOutputBytes: 1024 * 1024,
      maxStdioBytes: 4096,
      env: { PATH: '/usr/bin:/bin', PID_FILE: pidFile },
      ...overrides,
    });
    return runner;
  };
  const request = (overrides: Partial<RunRequest> = {}): RunRequest => ({
    input: { kind: 'directory', path: path.join(workspace, 'input', 'Demo.doccarchive') },
    outputZip: path.join(workspace, 'result.zip'),
    options: {},
    timeoutMs: LONG,
    ...overrides,
  });

  beforeEach(async () => {
    workspace = await tempDir('swift');
    pidFile = path.join(workspace, 'pids');
    await mkdir(path.join(workspace, 'input', 'Demo.doccarchive'), { recursive: true });
  });
  afterEach(async () => {
    await runner?.close(0);
    await rm(workspace, { recursive: true, force: true });
  });

  describe('when the binary succeeds', () => {
    it('zips its output tree, reads the counts and keeps stderr as sanitised warnings, also in warnings.json', async () => {
      const result = await make('fake-docc2context.sh').run(request());
      expect(result).to.include({ engine: 'swift', files: 3 });
      expect(result.counts).to.deep.equal({ volumes: 1, chapters: 2, articles: 3, symbols: 4, tutorials: 0 });
      expect(result.bytes).to.be.greaterThan(0);
      expect(result.warnings).to.deep.equal(['warning: something minor in Demo.doccarchive']);
      expect(await zipEntries(path.join(workspace, 'result.zip'))).to.deep.equal([
        'linkgraph/adjacency.json',
        'markdown/documentation/index.md',
        'warnings.json',
      ]);
      expect(JSON.parse(await zipText(path.join(workspace, 'result.zip'), 'warnings.json'))).to.deep.equal({
        warnings: [{ page: '', reason: 'warning: something minor in Demo.doccarchive' }],
      });
    });

    it('leaves only the result zip in the workspace', async () => {
      await make('fake-docc2context.sh').run(request());
      expect((await readdir(workspace)).sort()).to.deep.equal(['input', 'result.zip']);
    });

    it('passes the options as separate arguments', async () => {
      await make('argv-echo.sh').run(
        request({ options: { symbolLayout: 'single', tutorialLayout: 'chapter', technologies: ['My Kit', 'other'] } }),
      );
      const argv = (await zipText(path.join(workspace, 'result.zip'), 'markdown/argv.txt')).trim().split('\n');
      expect(argv[0]).to.equal(request().input.path);
      expect(argv.slice(1, 4)).to.deep.equal(['--output', argv[2], '--force']);
      expect(argv.slice(4)).to.deep.equal([
        '--symbol-layout',
        'single',
        '--tutorial-layout',
        'chapter',
        '--technology',
        'My Kit',
        '--technology',
        'other',
      ]);
    });
  });

  describe('when the binary exits 64', () => {
    it('fails with CONVERSION_FAILED and its message, without local paths', async () => {
      const error = await expectAppError(make('fail-64.sh').run(request()), 'CONVERSION_FAILED');
      expect(error.message).to.equal("Input path 'Demo.doccarchive' is not a DocC archive.");
    });

    it('keeps the message capped when the binary floods stdout', async () => {
      const error = await expectAppError(make('flood.sh').run(request()), 'CONVERSION_FAILED');
      expect(error.message.length).to.be.at.most(500);
    });
  });

  describe('when the binary fails in a way the CLI never does', () => {
    for (const script of ['exit-3.sh', 'crash.sh', 'garbage.sh']) {
      it(`maps ${script} to INTERNAL without leaking its output`, async () => {
        const error = await expectAppError(make(script).run(request()), 'INTERNAL');
        expect(error.message).to.equal('The conversion failed unexpectedly.');
      });
    }
  });

  describe('when the output is over the cap', () => {
    it('fails with OUTPUT_TOO_LARGE and writes no result', async () => {
      await expectAppError(make('big-output.sh').run(request()), 'OUTPUT_TOO_LARGE');
      expect(await readdir(workspace)).to.deep.equal(['input']);
    });
  });

  describe('when the conversion times out', () => {
    it('fails with TIMED_OUT, kills the process group and frees the slot', async () => {
      make('hang.sh');
      await expectAppError(runner.run(request({ timeoutMs: 3000 })), 'TIMED_OUT');
      for (const pid of await readPids(pidFile)) expect(await eventually(async () => !(await isAlive(pid)))).to.equal(true);
      expect(runner.stats().inFlight).to.equal(0);
    });
  });

  describe('when every slot is busy and the queue is full', () => {
    it('refuses at once with OVERLOADED, then serves again once the slot frees', async () => {
      make('hang.sh');
      const controller = new AbortController();
      const hanging = runner.run(request({ signal: controller.signal }));
      await expectAppError(runner.run(request()), 'OVERLOADED');
      controller.abort();
      await hanging.catch(() => undefined);
      expect(runner.stats()).to.include({ inFlight: 0, queued: 0 });
      for (const pid of await readPids(pidFile)) expect(await eventually(async () => !(await isAlive(pid)))).to.equal(true);
    });
  });

  describe('when a technology filter looks like a flag', () => {
    it('refuses it as BAD_REQUEST before spawning', async () => {
      await expectAppError(make('fake-docc2context.sh').run(request({ options: { technologies: ['--force'] } })), 'BAD_REQUEST');
    });
  });

  describe('when the runner closes with a conversion in flight', () => {
    it('kills it after the grace period and refuses new work', async () => {
      make('hang.sh');
      const hanging = expectAppError(runner.run(request()), 'NOT_READY');
      expect(await eventually(async () => (await readPids(pidFile)).length === 2)).to.equal(true);
      await runner.close(100);
      await hanging;
      await expectAppError(runner.run(request()), 'NOT_READY');
    });
  });
});
