import { expect } from 'chai';
import { REPO_ROOT } from '../support/paths.ts';
import { logKeyViolations, logKeyViolationsIn } from './log-keys.ts';

describe('log fields in log calls', () => {
  describe('the product code', () => {
    it('names every field of a log call or child logger with a LOG constant', () => {
      expect(logKeyViolationsIn(REPO_ROOT, ['common', 'converter', 'operator'])).to.deep.equal([]);
    });
  });

  describe('the checker', () => {
    const check = (body: string): string[] => logKeyViolations('x.ts', `import { LOG } from './log-fields.ts';\n${body}`);

    it('accepts catalogue constants, also in conditional spreads, and string-only calls', () => {
      expect(check("logger.info('Done', { [LOG.jobId]: id, ...(failed && { [LOG.errorCode]: code }) });")).to.deep.equal([]);
      expect(check('logger.child({ [LOG.traceId]: id }).warn(`Took ${n}`);')).to.deep.equal([]);
      expect(check("console.error('Failed:', { anything: 1 });")).to.deep.equal([]);
    });

    it('names a bare key, a nested object and a key that is not in the catalogue', () => {
      expect(check("logger.info('Done', { jobId: id });")).to.deep.equal(["x.ts:2: log field 'jobId' is not a LOG constant"]);
      expect(check("log.log(level, 'Done', {\n  event: { duration: 1 },\n});")).to.deep.equal([
        "x.ts:3: log field 'event' is not a LOG constant",
      ]);
      expect(check("logger.warn('Done', { [LOG.nope]: 1, ['trace.id']: 2 });")).to.have.length(2);
    });

    it('checks child loggers, conditional spreads and an object built in a variable first', () => {
      expect(check('const log = deps.logger.child({ reconcileId });')).to.have.length(1);
      expect(check("logger.info('Done', { ...(x ? { code } : {}) });")).to.deep.equal(["x.ts:2: log field 'code' is not a LOG constant"]);
      expect(check("const fields = { kind: k };\nlogger.info('Created', fields);")).to.deep.equal([
        "x.ts:2: log field 'kind' is not a LOG constant",
      ]);
    });

    it('refuses a spread it cannot see into', () => {
      expect(check("logger.info('Done', { ...extra });")).to.deep.equal([
        "x.ts:2: spread 'extra' in a log call: spell its fields as [LOG.x]",
      ]);
    });
  });
});
