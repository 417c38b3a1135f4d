// docs/openapi.yaml parses, carries exactly the request schema the service enforces, and the
// service's real answers validate against its response schemas.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import { parse } from 'yaml';
import { ERROR_CODES } from '../../common/contract/errors.ts';
import { AppError } from '../../converter/errors.ts';
import { CONVERSION_JOB_REQUEST_SCHEMA } from '../../converter/jobs/schema.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { buildJobsTestApp, inlineSource } from '../converter/jobs/support.ts';
import type { JobsTestApp } from '../converter/jobs/support.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface OpenApi {
  openapi: string;
  paths: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
}

describe('docs/openapi.yaml', () => {
  const doc = parse(fs.readFileSync(path.join(REPO_ROOT, 'docs/openapi.yaml'), 'utf8')) as OpenApi;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi');
  const check = (schema: string, value: unknown): void => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
    expect(validate(value), JSON.stringify(validate.errors)).to.equal(true);
  };
  let t: JobsTestApp;
  afterEach(async () => t?.close());

  it('is OpenAPI 3.1 describing every job API path', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(Object.keys(doc.paths)).to.deep.equal([
      '/api/v1/conversions',
      '/api/v1/conversions/{id}',
      '/api/v1/conversions/{id}/result.zip',
    ]);
  });

  it('carries the request schema the service validates with', () => {
    expect(doc.components.schemas.ConversionJobRequest).to.deep.equal(CONVERSION_JOB_REQUEST_SCHEMA);
  });

  it('lists every error code of the catalogue', () => {
    expect((doc.components.schemas.ErrorCode as { enum: string[] }).enum).to.deep.equal([...ERROR_CODES]);
  });

  describe('when the service answers', () => {
    it('matches ConversionJobStatus for succeeded (retained, inline), running and failed jobs', async () => {
      t = buildJobsTestApp({ env: { JOB_SYNC_WAIT_MS: '30' } });
      check('ConversionJobStatus', (await request(t.app).post('/api/v1/conversions').send({ id: 'ok', source: inlineSource() })).body);
      const inline = await request(t.app).post('/api/v1/conversions').send({ id: 'in', source: inlineSource(), output: { return: true } });
      check('ConversionJobStatus', inline.body);
      let open: () => void = () => undefined;
      t.runner.gate = new Promise<void>((resolve) => (open = resolve));
      const running = await request(t.app).post('/api/v1/conversions').send({ id: 'slow', source: inlineSource('slow') }).expect(202);
      check('ConversionJobStatus', running.body);
      open();
      t.runner.gate = undefined;
      t.runner.error = new AppError('CONVERSION_FAILED', 'No documentation');
      const failed = await request(t.app).post('/api/v1/conversions').send({ id: 'bad', source: inlineSource('bad') });
      check('ConversionJobStatus', failed.body);
      expect(failed.body.state).to.equal('failed');
    });

    it('matches ErrorBody for refusals', async () => {
      t = buildJobsTestApp();
      check('ErrorBody', (await request(t.app).post('/api/v1/conversions').send({ id: 1 }).expect(400)).body);
      check('ErrorBody', (await request(t.app).get('/api/v1/conversions/none').expect(404)).body);
    });
  });
});
