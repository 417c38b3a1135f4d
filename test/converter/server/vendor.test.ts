import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { CONTENT_SECURITY_POLICY } from '../../../converter/server/middleware/security.ts';
import { packageDir, VENDOR_FILES } from '../../../converter/server/routes/vendor.ts';
import { buildTestApp, removeBase, type TestApp } from './support.ts';

describe('web page libraries (/vendor/)', () => {
  let t: TestApp;
  beforeEach(() => (t = buildTestApp()));
  afterEach(() => removeBase(t.base));

  describe('when a listed library is asked for', () => {
    it("serves the package's own browser ES-module build as JavaScript under the strict CSP", async () => {
      for (const [name, { pkg, file }] of Object.entries(VENDOR_FILES)) {
        const res = await request(t.app)
          .get(`/vendor/${name}`)
          .buffer(true)
          .parse((r, cb) => {
            let body = '';
            r.setEncoding('utf8');
            r.on('data', (c: string) => (body += c));
            r.on('end', () => cb(null, body));
          })
          .expect(200);
        expect(res.headers['content-type'], name).to.equal('text/javascript; charset=utf-8');
        expect(res.headers['content-security-policy']).to.equal(CONTENT_SECURITY_POLICY);
        expect(res.body).to.equal(fs.readFileSync(path.join(packageDir(pkg), file), 'utf8'));
        expect(res.body, name).to.match(/^export |\bexport\s*\{/m);
      }
    });
  });

  describe('when anything else under /vendor/ is asked for', () => {
    it('answers 404 NOT_FOUND: nothing else of node_modules is reachable', async () => {
      for (const url of [
        '/vendor/express.js',
        '/vendor/..%2Fpackage.json',
        '/vendor/marked.js/../../package.json',
        '/node_modules/marked/package.json',
      ]) {
        const res = await request(t.app).get(url);
        expect(res.status, url).to.equal(404);
      }
    });
  });

  describe('when a package directory is looked up', () => {
    it('finds the installed package folder, and fails for a package that is not installed', () => {
      expect(path.basename(packageDir('fflate'))).to.equal('fflate');
      expect(() => packageDir('no-such-package-d2c')).to.throw();
    });
  });
});
