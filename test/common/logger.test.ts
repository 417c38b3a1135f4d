import { expect } from 'chai';
import { createLogger } from '../../common/logger.ts';
import { LOG } from '../../common/log-fields.ts';
import { LogCapture } from '../support/log-capture.ts';

function capture(): { stream: LogCapture; lines: Record<string, unknown>[] } {
  const stream = new LogCapture();
  return { stream, lines: stream.lines };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  describe('when a child logger writes below and at the level', () => {
    it('writes only the enabled lines, in ECS form with the child fields', async () => {
      const { stream, lines } = capture();
      const logger = createLogger({ serviceName: 'svc', level: 'warn', stream }).child({ [LOG.traceId]: 'r-1' });
      logger.debug('hidden debug');
      logger.info('hidden info');
      logger.warn('shown warning', { [LOG.eventDuration]: 5 });
      await flush();
      expect(lines.map((line) => line.message)).to.deep.equal(['shown warning']);
      expect(lines[0]).to.deep.include({ log: { level: 'warn' }, service: { name: 'svc' }, trace: { id: 'r-1' } });
      expect(
        Object.keys(lines[0]).filter((key) => key.includes('.')),
        'no dotted keys',
      ).to.deep.equal([]);
      expect(lines[0]).to.have.property('@timestamp');
    });
  });

  describe('when the level is raised at run time', () => {
    it('writes the lines the new level enables', async () => {
      const { stream, lines } = capture();
      const logger = createLogger({ serviceName: 'svc', level: 'error', stream });
      logger.info('before');
      logger.level = 'debug';
      logger.debug('after');
      await flush();
      expect(lines.map((line) => line.message)).to.deep.equal(['after']);
    });
  });
});
