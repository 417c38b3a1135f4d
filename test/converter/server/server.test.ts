import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import type { Logger } from '../../../common/logger.ts';
import { startServer, type RunningServer } from '../../../converter/server/server.ts';
import { buildTestApp, removeBase, settledLeftovers, zipOf, type TestApp } from './support.ts';
import { delay } from '../../../common/delay.ts';

function post(port: number, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/convert', agent: false, headers: { 'Content-Type': 'application/zip' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('startServer', () => {
  let t: TestApp;
  let running: RunningServer;
  const closed: string[] = [];

  beforeEach(async () => {
    t = buildTestApp();
    closed.length = 0;
    running = await startServer({
      app: t.app,
      host: '127.0.0.1',
      port: 0,
      requestTimeoutMs: 60_000,
      shutdownGraceMs: 30_000,
      lifecycle: t.deps.lifecycle,
      logger: t.deps.logger,
      closers: [async () => void closed.push('runner'), async () => void closed.push('logger')],
    });
  });
  afterEach(async () => {
    await running.shutdown('test');
    removeBase(t.base);
  });

  describe('when shut down during a conversion', () => {
    it('lets the in-flight request finish, refuses new connections, then runs the closers in order', async () => {
      let release!: () => void;
      t.runner.gate = new Promise((resolve) => (release = resolve));
      const inFlight = post(running.port, await zipOf({ 'A.doccarchive/metadata.json': '{}' }));
      while (t.runner.requests.length === 0) await delay(5);
      const drained = running.shutdown('SIGTERM');
      expect(t.deps.lifecycle.draining).to.equal(true);
      const refused = await post(running.port, Buffer.from('PK\x03\x04')).then(String, (error: NodeJS.ErrnoException) => error.code);
      expect(refused).to.equal('ECONNREFUSED');
      expect(closed).to.deep.equal([]);
      release();
      expect(await inFlight).to.equal(200);
      await drained;
      expect(closed).to.deep.equal(['runner', 'logger']);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
      expect(t.logs.lines.map((l) => l.message)).to.include.members(['Started listening', 'Started draining', 'Closed HTTP server']);
    });
  });

  describe('when the drain logs its steps', () => {
    /** How a new connection fares when a client acts on a line. */
    const connect = (port: number): Promise<string> =>
      new Promise((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });

    it("logs 'Started draining' while still listening and 'Stopped listening' only once the listening socket is closed", async () => {
      await running.shutdown('test');
      // Whether the socket still listened at the instant each line was logged: the process may be
      // paused right after writing a line, and a client reading it may connect at once.
      const listeningWhenLogged = new Map<string, boolean>();
      const observed: { server?: http.Server } = {};
      const logger = new Proxy(t.deps.logger, {
        get(target, property, receiver): unknown {
          if (property !== 'info') return Reflect.get(target, property, receiver) as unknown;
          return (message: string, meta?: object): Logger => {
            if (observed.server) listeningWhenLogged.set(message, observed.server.listening);
            return target.info(message, meta);
          };
        },
      });
      running = await startServer({
        app: t.app,
        host: '127.0.0.1',
        port: 0,
        requestTimeoutMs: 60_000,
        shutdownGraceMs: 30_000,
        shutdownDelayMs: 20,
        lifecycle: t.deps.lifecycle,
        logger,
        closers: [],
      });
      observed.server = running.server;
      await running.shutdown('SIGTERM');
      expect(listeningWhenLogged.get('Started draining')).to.equal(true);
      expect(listeningWhenLogged.get('Stopped listening')).to.equal(false);
      expect(await connect(running.port)).to.equal('ECONNREFUSED');
    });
  });
});
