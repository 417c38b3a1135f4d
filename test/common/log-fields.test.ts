import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { LOG, nanoseconds } from '../../common/log-fields.ts';
import { createLogger } from '../../common/logger.ts';
import { LogCapture } from '../support/log-capture.ts';

// The ECS fields we use (https://www.elastic.co/guide/en/ecs/current/ecs-field-reference.html);
// `err` is the ECS formatter's input key for an Error object, which it writes as `error.*`.
const ECS_FIELDS = new Set([
  'trace.id',
  'event.action',
  'event.reason',
  'event.duration',
  'event.outcome',
  'err',
  'error.code',
  'error.message',
  'server.address',
  'server.port',
  'client.ip',
  'http.request.id',
  'http.request.method',
  'http.response.status_code',
  'http.response.body.bytes',
  'url.path',
  'url.query',
  'url.full',
  'user_agent.original',
  'orchestrator.cluster.url',
  'orchestrator.namespace',
  'orchestrator.resource.name',
  'orchestrator.resource.type',
]);
const OURS = /^docc2context(\.[a-z][a-z0-9]*(_[a-z0-9]+)*)+$/;

describe('the log field catalogue', () => {
  const values = Object.values(LOG);

  it('holds only ECS fields from the allow-list or docc2context. fields with snake_case segments', () => {
    expect(values.filter((value) => !ECS_FIELDS.has(value) && !OURS.test(value))).to.deep.equal([]);
  });

  it('names each field once, and no field is the parent of another', () => {
    expect(new Set(values).size).to.equal(values.length);
    expect(values.filter((value) => values.some((other) => other.startsWith(`${value}.`)))).to.deep.equal([]);
  });

  it('converts milliseconds to the nanoseconds of event.duration', () => {
    expect(nanoseconds(12)).to.equal(12_000_000);
    expect(nanoseconds(0.0015)).to.equal(1500);
  });

  describe('when a child logger and its call both add fields under one parent', () => {
    it('writes them nested and merged, with no dotted key left', async () => {
      const stream = new LogCapture();
      const lines = stream.lines;
      const logger = createLogger({ serviceName: 'svc', level: 'info', stream });
      logger.child({ [LOG.reconcileId]: 'r-1', [LOG.orchestratorNamespace]: 'docs' }).info('Dispatched conversion', {
        [LOG.jobId]: 'job-a',
        [LOG.attempt]: 2,
        [LOG.eventOutcome]: 'success',
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines[0]).to.deep.include({
        docc2context: { reconcile: { id: 'r-1' }, job: { id: 'job-a' }, attempt: 2 },
        orchestrator: { namespace: 'docs' },
      });
      expect(lines[0].event).to.include({ outcome: 'success', dataset: 'svc' });
      expect(Object.keys(lines[0]).filter((key) => key.includes('.'))).to.deep.equal([]);
    });
  });

  describe('when an Error object is logged under LOG.error', () => {
    it('writes it as ECS error fields with its own code', async () => {
      const stream = new PassThrough();
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const error = Object.assign(new Error('boom'), { code: 'INTERNAL' });
      createLogger({ serviceName: 'svc', level: 'info', stream }).error('Failed', { [LOG.error]: error });
      await new Promise((resolve) => setImmediate(resolve));
      const line = JSON.parse(text) as { error: Record<string, unknown>; err?: unknown };
      expect(line.error).to.include({ type: 'Error', message: 'boom', code: 'INTERNAL' });
      expect(line).not.to.have.property('err');
    });
  });
});
