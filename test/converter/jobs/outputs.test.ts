import { expect } from 'chai';
import { AppError } from '../../../converter/errors.ts';
import type { GuardedHttp } from '../../../converter/fetch/guarded-http.ts';
import { deliver, type OutputDeps } from '../../../converter/jobs/outputs.ts';
import { StoreUnavailableError } from '../../../converter/store/errors.ts';
import type { RetainedResults } from '../../../converter/store/types.ts';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function outputDeps(results: RetainedResults): OutputDeps {
  return {
    results,
    http: {} as GuardedHttp,
    uploadPolicy: { maxBytes: 1024, timeoutMs: 1000, retries: 0, backoffMs: 0 },
    config: { retainDefaultTtlSeconds: 3600, retainMaxTtlSeconds: 86_400, returnMaxBytes: 1024, retainMaxBytes: 1024 },
    now: () => NOW,
  };
}

const zip = { size: 3, read: async (): Promise<Buffer> => Buffer.from('zip') };

describe('deliver (a job result)', () => {
  describe('when the result is retained and the store takes it', () => {
    it('stores the bytes under the job id with the default TTL and answers where they are', async () => {
      const puts: Array<[string, string, number]> = [];
      const results = { put: async (id: string, bytes: Buffer, ttlMs: number) => void puts.push([id, bytes.toString(), ttlMs]) };
      const location = await deliver(outputDeps(results as RetainedResults), { id: 'job 1' }, zip);
      expect(puts).to.deep.equal([['job 1', 'zip', 3_600_000]]);
      expect(location).to.deep.equal({
        kind: 'retained',
        path: '/api/v1/conversions/job%201/result.zip',
        expiresAt: '2026-12-03T13:00:00.000Z',
      });
    });
  });

  describe('when the store cannot take the blob within its own time budget', () => {
    it('fails the delivery as OUTPUT_UPLOAD_FAILED, transient, naming the setting and the way out', async () => {
      const results = {
        put: async () => {
          throw new StoreUnavailableError();
        },
      };
      const failure = await deliver(outputDeps(results as unknown as RetainedResults), { id: 'j' }, zip).catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(AppError);
      expect(failure).to.include({ code: 'OUTPUT_UPLOAD_FAILED', permanent: false });
      expect((failure as AppError).message)
        .to.contain('REDIS_BULK_COMMAND_TIMEOUT_MS')
        .and.contain('output.url');
    });
  });

  describe('when the store fails in another way', () => {
    it('lets that error through unchanged (a bug is INTERNAL, not a delivery failure)', async () => {
      const bug = new TypeError('boom');
      const results = {
        put: async () => {
          throw bug;
        },
      };
      const failure = await deliver(outputDeps(results as unknown as RetainedResults), { id: 'j' }, zip).catch((error: unknown) => error);
      expect(failure).to.equal(bug);
    });
  });
});
