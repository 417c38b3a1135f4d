import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../converter/errors.ts';
import { createPipeline } from '../../../converter/conversion/pipeline.ts';
import type { PipelineRequest } from '../../../converter/conversion/pipeline.ts';
import { expectAppError } from '../../support/app-error.ts';
import { FakeArchive, FakeRunner, removeBase, tempBase, testConfig } from '../server/support.ts';

describe('conversion pipeline', () => {
  let base: string;
  let archive: FakeArchive;
  let runner: FakeRunner;
  let request: PipelineRequest;

  beforeEach(() => {
    base = tempBase();
    archive = new FakeArchive(base);
    runner = new FakeRunner();
    const workDir = fs.mkdtempSync(path.join(base, 'ws-'));
    const zipPath = path.join(workDir, 'upload.zip');
    fs.writeFileSync(zipPath, 'zip bytes');
    request = { zipPath, workDir, options: {}, timeoutMs: 1000 };
  });
  afterEach(() => removeBase(base));

  const convert = () => createPipeline({ archive, runner, limits: testConfig(base).limits })(request);

  describe('when the runner reads zips in place (builtin engine)', () => {
    it('hands it the upload and where the archive sits in it, without extracting anything', async () => {
      const converted = await convert();
      expect(archive.inspected).to.deep.equal([request.zipPath]);
      expect(archive.extracted).to.deep.equal([]);
      const input = runner.requests[0]?.input;
      expect(input).to.deep.include({ kind: 'zip', path: request.zipPath });
      expect(input?.kind === 'zip' && input.plan.root).to.equal('Fake.doccarchive');
      expect(converted).to.include({ archiveName: 'Fake.doccarchive', outputZip: path.join(request.workDir, 'result.zip') });
      expect(fs.readdirSync(request.workDir).sort()).to.deep.equal(['result.zip', 'upload.zip']);
    });
  });

  describe('when the runner reads only directories (Swift CLI)', () => {
    it('extracts into the workspace and hands it the located archive directory', async () => {
      runner.reads = 'directory';
      await convert();
      expect(archive.extracted).to.deep.equal([request.zipPath]);
      expect(runner.requests[0]?.input).to.deep.equal({
        kind: 'directory',
        path: path.join(request.workDir, 'extracted', 'Fake.doccarchive'),
      });
    });
  });

  describe('when the upload breaks an archive rule', () => {
    it('refuses it with the archive code and never runs a conversion', async () => {
      archive.inspectError = new AppError('NOT_DOCC_ARCHIVE', 'The zip does not contain a DocC archive.');
      await expectAppError(convert(), 'NOT_DOCC_ARCHIVE');
      expect(runner.requests).to.deep.equal([]);
      expect(archive.extracted).to.deep.equal([]);
    });
  });
});
