import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../../common/logger.ts';
import { HealthTracker } from '../../../converter/store/health.ts';
import { MemoryBackend } from '../../../converter/store/memory-backend.ts';
import { ResilientBackend } from '../../../converter/store/resilient-backend.ts';

class SwitchableBackend extends MemoryBackend {
  down = false;
  calls = 0;
  override async get(key: string): Promise<Buffer | undefined> {
    this.calls += 1;
    if (this.down) throw new Error('connection refused');
    return super.get(key);
  }
}

function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
  const logger = createLogger({ serviceName: 'test', level: 'info', stream });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

describe('ResilientBackend', () => {
  let primary: SwitchableBackend;
  let fallback: MemoryBackend;
  let tracker: HealthTracker;
  let errors: number;
  let log: ReturnType<typeof capturingLogger>;
  let backend: ResilientBackend;

  beforeEach(async () => {
    primary = new SwitchableBackend();
    fallback = new MemoryBackend();
    await primary.set('k', Buffer.from('from-primary'), 60_000);
    await fallback.set('k', Buffer.from('from-fallback'), 60_000);
    log = capturingLogger();
    tracker = new HealthTracker({
      logger: log.logger,
      probe: async () => (primary.down ? Promise.reject(new Error('down')) : 'PONG'),
      probeIntervalMs: 60_000,
    });
    errors = 0;
    backend = new ResilientBackend(primary, fallback, tracker, { onError: () => (errors += 1) });
  });
  afterEach(() => tracker.close());

  describe('when the primary answers', () => {
    it('serves from the primary and stays up', async () => {
      expect((await backend.get('k'))?.toString()).to.equal('from-primary');
      expect(tracker.state).to.equal('up');
    });
  });

  describe('when the primary fails', () => {
    it('serves the same call from the fallback, then skips the primary while degraded', async () => {
      primary.down = true;
      expect((await backend.get('k'))?.toString()).to.equal('from-fallback');
      expect((await backend.get('k'))?.toString()).to.equal('from-fallback');
      expect(tracker.state).to.equal('degraded');
      expect(primary.calls).to.equal(1);
      expect(errors).to.equal(1);
    });

    it('logs one warning for the state change, not one per request', async () => {
      primary.down = true;
      for (let i = 0; i < 5; i += 1) await backend.get('k');
      const warnings = log.lines().filter((line) => (line.log as { level?: string } | undefined)?.level === 'warn');
      expect(warnings).to.have.length(1);
    });
  });

  describe('when the primary comes back', () => {
    it('recovers on the next successful probe and logs it once', async () => {
      primary.down = true;
      await backend.get('k');
      await tracker.probeNow();
      expect(tracker.state).to.equal('degraded');
      primary.down = false;
      await tracker.probeNow();
      expect(tracker.state).to.equal('up');
      expect((await backend.get('k'))?.toString()).to.equal('from-primary');
      expect(log.lines().filter((line) => line.message === 'Reconnected to Redis')).to.have.length(1);
    });
  });
});
