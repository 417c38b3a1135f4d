import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createConverterLogger } from '../../../converter/observability/logger.ts';
import { LogCapture } from '../server/support.ts';
import { delay } from '../../../common/delay.ts';
import { LOG } from '../../../common/log-fields.ts';

/** Just enough of Elasticsearch for the bulk writer: cluster health, and _bulk recording documents. */
function fakeElasticsearch(): Promise<{ server: http.Server; url: string; docs: Record<string, unknown>[] }> {
  const docs: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('x-elastic-product', 'Elasticsearch');
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/_bulk')) {
        const lines = body.split('\n').filter(Boolean);
        for (let i = 1; i < lines.length; i += 2) docs.push(JSON.parse(lines[i] ?? '{}') as Record<string, unknown>);
        res.end(JSON.stringify({ took: 1, errors: false, items: [] }));
        return;
      }
      res.end(JSON.stringify({ status: 'green', cluster_name: 'fake', version: { number: '8.13.0' } }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, docs }));
  });
}

describe('createConverterLogger', function () {
  this.timeout(20_000);

  describe('when Elasticsearch is configured and answers', () => {
    it('ships the same ECS documents that go to stdout', async () => {
      const es = await fakeElasticsearch();
      const stdout = new LogCapture();
      const { logger, close } = createConverterLogger({
        serviceName: 'docc2context-converter',
        serviceVersion: '1.2.3',
        level: 'info',
        elasticsearch: { url: es.url, index: 'd2c-test' },
        stream: stdout,
      });
      try {
        logger.child({ [LOG.traceId]: 'r-1' }).info('Converted archive', { [LOG.eventDuration]: 5 });
        while (es.docs.length === 0) await delay(50);
        expect(es.docs[0]).to.deep.include({ message: 'Converted archive', log: { level: 'info' }, trace: { id: 'r-1' } });
        expect(es.docs[0].service).to.include({ name: 'docc2context-converter' });
        expect(es.docs[0]).to.have.property('@timestamp');
        expect(stdout.lines[0]).to.deep.include({ message: 'Converted archive', trace: { id: 'r-1' } });
      } finally {
        await close();
        es.server.closeAllConnections();
        await new Promise((r) => es.server.close(r));
      }
    });
  });

  describe('when Elasticsearch is down', () => {
    it('keeps writing every line to stdout without waiting, and closes anyway', async () => {
      const stdout = new LogCapture();
      const { logger, close } = createConverterLogger({
        serviceName: 'docc2context-converter',
        serviceVersion: '1.2.3',
        level: 'info',
        elasticsearch: { url: 'http://127.0.0.1:9', index: 'd2c-test' },
        stream: stdout,
      });
      for (let i = 0; i < 200; i++) logger.info('Handled request', { n: i });
      await new Promise((r) => setImmediate(r));
      expect(stdout.lines).to.have.length(200);
      await close();
    });
  });
});
