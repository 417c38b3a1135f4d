import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { buildTestApp, removeBase, settledLeftovers, zipOf, type TestApp } from './support.ts';
import { delay } from '../../../common/delay.ts';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function rawRequest(port: number, headers: http.OutgoingHttpHeaders, writeBody: (req: http.ClientRequest) => void): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/v1/convert', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    writeBody(req);
  });
}

describe('upload size limits', () => {
  let t: TestApp;
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    t = buildTestApp({ env: { MAX_UPLOAD_SIZE_MB: '1' } });
    server = http.createServer(t.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    removeBase(t.base);
  });

  describe('when Content-Length declares more than the limit', () => {
    it('answers 413 before a byte of the body is sent', async () => {
      // The body is never written: only an answer given from the headers can arrive.
      const res = await rawRequest(port, { 'Content-Type': 'application/zip', 'Content-Length': String(200 * 1024 * 1024) }, (req) =>
        req.flushHeaders(),
      );
      expect(res.status).to.equal(413);
      expect(JSON.parse(res.body).error.code).to.equal('PAYLOAD_TOO_LARGE');
      expect(res.headers.connection).to.equal('close');
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when a chunked body grows past the limit', () => {
    it('answers 413 counted on the bytes streamed and leaves no workspace', async () => {
      const head = await zipOf({ 'a.txt': 'x' });
      const res = await rawRequest(port, { 'Content-Type': 'application/zip', 'Transfer-Encoding': 'chunked' }, (req) => {
        req.write(head);
        const chunk = Buffer.alloc(64 * 1024, 1);
        let sent = 0;
        const pump = (): void => {
          while (sent < 2 * 1024 * 1024) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      }).catch((error: NodeJS.ErrnoException) => ({ status: -1, headers: {}, body: error.code ?? '' }));
      // The server may close the socket while the client is still writing; the answer, when read, is 413.
      if (res.status !== -1) {
        expect(res.status).to.equal(413);
        expect(JSON.parse(res.body).error.code).to.equal('PAYLOAD_TOO_LARGE');
      } else {
        expect(res.body).to.be.oneOf(['ECONNRESET', 'EPIPE']);
      }
      expect(t.runner.requests).to.have.length(0);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when a multipart upload is truncated', () => {
    it('answers 400 BAD_REQUEST and leaves no workspace', async () => {
      const zip = await zipOf({ 'a.txt': 'x' });
      const boundary = 'XBOUNDARYX';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.zip"\r\nContent-Type: application/zip\r\n\r\n`,
      );
      const res = await rawRequest(port, { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, (req) =>
        req.end(Buffer.concat([head, zip])),
      );
      expect(res.status).to.equal(400);
      expect(JSON.parse(res.body).error.code).to.equal('BAD_REQUEST');
      expect(t.runner.requests).to.have.length(0);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
    });
  });

  describe('when the client disconnects mid-upload', () => {
    it('removes the workspace', async () => {
      const zip = await zipOf({ 'a.txt': 'x' });
      const req = http.request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/convert',
        headers: { 'Content-Type': 'application/zip', 'Content-Length': '500000' },
      });
      req.on('error', () => undefined);
      req.write(zip);
      while ((await settledLeftovers(t.base, 1)).length === 0) await delay(5);
      req.destroy();
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
      expect(t.runner.requests).to.have.length(0);
    });
  });
});
