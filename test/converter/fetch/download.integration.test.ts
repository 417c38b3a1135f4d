// SSRF and limits of the source download, against a real HTTP server on loopback and a resolver
// that plays hostile DNS (names that resolve to loopback, private and metadata addresses).
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAddressPolicy } from '../../../converter/fetch/address-policy.ts';
import { download } from '../../../converter/fetch/download.ts';
import type { DownloadLimits } from '../../../converter/fetch/download.ts';
import { GuardedHttp } from '../../../converter/fetch/guarded-http.ts';
import type { Resolver } from '../../../converter/fetch/guarded-http.ts';
import { isAppError } from '../../../converter/errors.ts';
import { startTestServer } from '../../support/http-server.ts';
import type { TestServer } from '../../support/http-server.ts';

const ARCHIVE = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7) % 256));
const ARCHIVE_SHA = createHash('sha256').update(ARCHIVE).digest('hex');
const LIMITS: DownloadLimits = { maxBytes: 1024 * 1024, timeoutMs: 2000, maxRedirects: 3 };

const DNS: Record<string, string[]> = {
  'public.test': ['127.0.0.1'], // stands for a public host: allow-listed by name below
  'sneaky.test': ['127.0.0.1'],
  'internal.test': ['10.0.0.5'],
  'metadata.test': ['169.254.169.254'],
  'mixed.test': ['8.8.8.8', '192.168.0.10'],
};
const resolver: Resolver = async (hostname) => {
  const addresses = DNS[hostname];
  if (addresses === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'no error';
}

describe('download', () => {
  let server: TestServer;
  let dir: string;
  let http: GuardedHttp;
  let port: number;

  before(async () => {
    server = await startTestServer((req, res) => {
      const routes: Record<string, () => void> = {
        '/archive.zip': () => res.end(ARCHIVE),
        '/to-loopback': () => res.writeHead(302, { location: `http://127.0.0.1:${port}/archive.zip` }).end(),
        '/to-internal': () => res.writeHead(307, { location: `http://internal.test:${port}/archive.zip` }).end(),
        '/to-metadata': () => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
        '/to-public': () => res.writeHead(302, { location: `/archive.zip` }).end(),
        '/loop': () => res.writeHead(302, { location: '/loop' }).end(),
        '/big-chunked': () => {
          for (let i = 0; i < 40; i += 1) res.write(Buffer.alloc(64 * 1024));
          res.end();
        },
        '/big-declared': () => res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).end(),
        '/hang': () => undefined,
        '/missing': () => res.writeHead(404).end(),
      };
      (routes[req.url] ?? routes['/missing']!)();
    });
    port = server.port;
  });
  after(async () => server.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'download-test-'));
    server.requests.length = 0;
    http = new GuardedHttp(createAddressPolicy(['public.test']), resolver);
  });
  afterEach(async () => {
    http.close();
    await rm(dir, { recursive: true, force: true });
  });

  const fetchTo = (url: string, extra: { sha256?: string; limits?: Partial<DownloadLimits> } = {}): ReturnType<typeof download> =>
    download(http, { url, sha256: extra.sha256, destination: path.join(dir, 'source.zip') }, { ...LIMITS, ...extra.limits });

  describe('when the host is allowed', () => {
    it('writes the exact bytes and returns their size and sha256', async () => {
      const result = await fetchTo(`http://public.test:${port}/archive.zip`, { sha256: ARCHIVE_SHA.toUpperCase() });
      expect(result).to.deep.equal({ bytes: ARCHIVE.length, sha256: ARCHIVE_SHA });
      expect((await readFile(path.join(dir, 'source.zip'))).equals(ARCHIVE)).to.equal(true);
    });

    it('follows a redirect that stays on allowed addresses', async () => {
      expect((await fetchTo(`http://public.test:${port}/to-public`)).sha256).to.equal(ARCHIVE_SHA);
    });
  });

  describe('when the address is loopback, link-local or private', () => {
    for (const host of [
      '127.0.0.1',
      '169.254.169.254',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '100.64.0.1',
      '[::1]',
      '[fd00::1]',
      '[::ffff:127.0.0.1]',
    ]) {
      it(`refuses ${host} with SOURCE_FORBIDDEN before connecting`, async () => {
        expect(await codeOf(fetchTo(`http://${host}:${port}/archive.zip`))).to.equal('SOURCE_FORBIDDEN');
        expect(server.requests).to.have.length(0);
      });
    }
  });

  describe('when a DNS name resolves to a forbidden address', () => {
    for (const name of ['sneaky.test', 'internal.test', 'metadata.test', 'mixed.test']) {
      it(`refuses ${name} at connect time`, async () => {
        expect(await codeOf(fetchTo(`http://${name}:${port}/archive.zip`))).to.equal('SOURCE_FORBIDDEN');
        expect(server.requests).to.have.length(0);
      });
    }
  });

  describe('when an allowed host redirects to a forbidden address', () => {
    for (const route of ['/to-loopback', '/to-internal', '/to-metadata']) {
      it(`refuses the redirect of ${route}`, async () => {
        expect(await codeOf(fetchTo(`http://public.test:${port}${route}`))).to.equal('SOURCE_FORBIDDEN');
        expect(server.requests.map((r) => r.url)).to.deep.equal([route]);
      });
    }
  });

  describe('when the URL is not http or https', () => {
    it('refuses it', async () => {
      expect(await codeOf(fetchTo('file:///etc/passwd'))).to.equal('SOURCE_FORBIDDEN');
      expect(await codeOf(fetchTo('ftp://public.test/archive.zip'))).to.equal('SOURCE_FORBIDDEN');
    });
  });

  describe('when a limit is exceeded', () => {
    it('stops following redirects after the cap', async () => {
      expect(await codeOf(fetchTo(`http://public.test:${port}/loop`))).to.equal('SOURCE_UNREACHABLE');
      expect(server.requests).to.have.length(LIMITS.maxRedirects + 1);
    });

    it('aborts a body over the size cap, declared or not', async () => {
      const limits = { maxBytes: 1024 * 1024 };
      expect(await codeOf(fetchTo(`http://public.test:${port}/big-chunked`, { limits }))).to.equal('PAYLOAD_TOO_LARGE');
      expect(await codeOf(fetchTo(`http://public.test:${port}/big-declared`, { limits }))).to.equal('PAYLOAD_TOO_LARGE');
    });

    it('gives up on a source that does not answer in time', async () => {
      const code = await codeOf(fetchTo(`http://public.test:${port}/hang`, { limits: { timeoutMs: 200 } }));
      expect(code).to.equal('SOURCE_UNREACHABLE');
    });
  });

  describe('when the source is wrong or missing', () => {
    it('reports CHECKSUM_MISMATCH for another sha256', async () => {
      expect(await codeOf(fetchTo(`http://public.test:${port}/archive.zip`, { sha256: '0'.repeat(64) }))).to.equal('CHECKSUM_MISMATCH');
    });

    it('reports SOURCE_UNREACHABLE for an HTTP error or an unknown name', async () => {
      expect(await codeOf(fetchTo(`http://public.test:${port}/missing`))).to.equal('SOURCE_UNREACHABLE');
      expect(await codeOf(fetchTo(`http://nowhere.test:${port}/archive.zip`))).to.equal('SOURCE_UNREACHABLE');
    });

    it('names the cause in the message: the HTTP status, a DNS failure, a refused connection', async () => {
      const messageOf = (promise: Promise<unknown>): Promise<string> =>
        promise.then(
          () => 'no error',
          (error: Error) => error.message,
        );
      expect(await messageOf(fetchTo(`http://public.test:${port}/missing`))).to.equal('The source URL answered HTTP 404');
      expect(await messageOf(fetchTo(`http://nowhere.test:${port}/archive.zip`))).to.equal(
        'The source could not be downloaded: the host name could not be resolved (DNS)',
      );
      const closed = await startTestServer(() => undefined);
      const closedPort = closed.port;
      await closed.close();
      expect(await messageOf(fetchTo(`http://public.test:${closedPort}/archive.zip`))).to.equal(
        'The source could not be downloaded: the connection was refused',
      );
    });
  });
});
