import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, type Browser } from '../../support/browser.ts';
import { SERVICE_FIXTURES } from '../../support/paths.ts';
import { createBuiltinRunner } from '../../../converter/runner/builtin.ts';
import { DOCC_FIXTURES } from '../../support/paths.ts';
import { buildRealApp, readZip, zipUnder } from './support-e2e.ts';
import { binary, buildTestApp, removeBase, settledLeftovers, zipOf, type TestApp } from './support.ts';

// Page-side globals for the callbacks run in Chromium (the project compiles without the DOM lib).
interface PageElement {
  textContent: string | null;
}
declare const document: { getElementById(id: string): PageElement | null };
declare const window: unknown;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageElement, options: Record<string, boolean>): void;
}

/** Records every text the status region shows, so transient states can be asserted afterwards. */
async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    const status = document.getElementById('status')!;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  });
}

const statuses = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);

describe('converter web page (headless Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let t: TestApp;
  let server: http.Server;
  let baseUrl: string;
  let page: Page;
  let zipPath: string;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    t = buildTestApp({ env: { MAX_UPLOAD_SIZE_MB: '2' } });
    server = http.createServer(t.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    zipPath = path.join(t.base, 'Sample.doccarchive.zip');
    // Large enough (incompressible) for several upload progress events.
    fs.writeFileSync(zipPath, await zipOf({ 'Sample.doccarchive/metadata.json': '{}', 'Sample.doccarchive/blob.bin': randomBytes(1024 * 1024) }));
    page = await browser.context.newPage();
    await page.goto(baseUrl);
    await page.waitForFunction(() => document.getElementById('limits')?.textContent?.includes('2.0 MiB'));
    await recordStatuses(page);
  });
  afterEach(async () => {
    await page?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    removeBase(t.base);
  });

  describe('when a DocC zip is picked and converted', () => {
    it('shows upload progress, then Processing…, then downloads the same zip the API returns', async () => {
      let release!: () => void;
      t.runner.gate = new Promise((resolve) => (release = resolve));
      await page.locator('#file-input').setInputFiles(zipPath);
      await page.locator('#convert').click();
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Processing…');
      const downloadEvent = page.waitForEvent('download');
      release();
      const download = await downloadEvent;
      expect(download.suggestedFilename()).to.equal('Sample-markdown.zip');
      const downloaded = fs.readFileSync(await download.path());
      await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Done'));

      t.runner.gate = undefined;
      const api = await request(t.app).post('/api/v1/convert').attach('file', zipPath).buffer(true).parse(binary);
      expect(downloaded.equals(api.body as Buffer)).to.equal(true);
      expect(downloaded.subarray(0, 4).toString('latin1')).to.equal('PK\x03\x04');

      const seen = await statuses(page);
      expect(seen.some((s) => s.startsWith('Uploading…'))).to.equal(true);
      const processingAt = seen.indexOf('Processing…');
      expect(processingAt).to.be.greaterThan(seen.findIndex((s) => s.startsWith('Uploading…')));
      expect(seen.findIndex((s) => s.startsWith('Done'))).to.be.greaterThan(processingAt);
      expect(await page.locator('#status').getAttribute('aria-live')).to.equal('polite');
    });
  });

  describe('when the file is not a zip', () => {
    it("shows the server's error message", async () => {
      await page.locator('#file-input').setInputFiles(path.join(SERVICE_FIXTURES, 'negative', 'invalid.txt'));
      await page.locator('#convert').click();
      await page.locator('#error').waitFor({ state: 'visible' });
      const text = await page.locator('#error').textContent();
      expect(text).to.contain('The upload is not a zip archive.');
      expect(text).to.contain('UNSUPPORTED_MEDIA_TYPE');
      expect(await page.locator('#status').textContent()).to.equal('Conversion failed.');
    });
  });

  describe('when the file is larger than the server limit', () => {
    it('refuses it in the page without uploading, naming the limit', async () => {
      const big = path.join(t.base, 'big.zip');
      fs.writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 1));
      await page.locator('#file-input').setInputFiles(big);
      expect(await page.locator('#error').textContent()).to.contain('the limit is 2.0 MiB');
      expect(await page.locator('#convert').isDisabled()).to.equal(true);
    });
  });

  describe('when the user cancels during processing', () => {
    it('stops, says Cancelled, and the server aborts the conversion and removes the workspace', async () => {
      t.runner.gate = new Promise(() => undefined);
      await page.locator('#file-input').setInputFiles(zipPath);
      await page.locator('#convert').click();
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Processing…');
      await page.locator('#cancel').click();
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Cancelled.');
      while (t.runner.abortedCount === 0) await new Promise((r) => setTimeout(r, 10));
      fs.rmSync(zipPath);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
      expect(await page.locator('#cancel').isHidden()).to.equal(true);
    });
  });

  describe('when the page loads', () => {
    it('runs under the strict CSP with no console errors, and the drop zone opens the picker', async () => {
      const errors: string[] = [];
      const fresh = await browser.context.newPage();
      fresh.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await fresh.goto(baseUrl);
      await fresh.waitForFunction(() => document.getElementById('limits')?.textContent?.includes('MiB'));
      const chooser = fresh.waitForEvent('filechooser');
      await fresh.locator('#drop-zone').click();
      const picker = await chooser;
      expect(picker.isMultiple()).to.equal(false);
      await fresh.close();
      expect(errors).to.deep.equal([]);
    });
  });

  describe('when a real DocC zip is converted by the real engine', () => {
    it('downloads a zip whose entries and bytes equal the API result', async () => {
      const runner = createBuiltinRunner({ concurrency: 1, queueLimit: 2 });
      const real = buildRealApp(runner);
      const realServer = http.createServer(real.app).listen(0, '127.0.0.1');
      await new Promise((resolve) => realServer.once('listening', resolve));
      try {
        const zip = path.join(real.base, 'TutorialCatalog.doccarchive.zip');
        fs.writeFileSync(zip, await zipUnder(path.join(DOCC_FIXTURES, 'TutorialCatalog.doccarchive'), 'TutorialCatalog.doccarchive'));
        const realPage = await browser.context.newPage();
        await realPage.goto(`http://127.0.0.1:${(realServer.address() as AddressInfo).port}`);
        await realPage.locator('#file-input').setInputFiles(zip);
        const downloadEvent = realPage.waitForEvent('download');
        await realPage.locator('#convert').click();
        const download = await downloadEvent;
        expect(download.suggestedFilename()).to.equal('TutorialCatalog-markdown.zip');
        const downloaded = fs.readFileSync(await download.path());
        await realPage.close();
        const api = await request(real.app).post('/api/v1/convert').attach('file', zip).buffer(true).parse(binary);
        expect(api.status).to.equal(200);
        const [fromPage, fromApi] = [await readZip(downloaded), await readZip(api.body as Buffer)];
        expect([...fromPage.keys()].sort()).to.deep.equal([...fromApi.keys()].sort());
        for (const [name, bytes] of fromApi) expect(fromPage.get(name)?.equals(bytes), name).to.equal(true);
        expect(fromPage.size).to.be.greaterThan(1);
      } finally {
        realServer.closeAllConnections();
        await new Promise((resolve) => realServer.close(resolve));
        await runner.close(5000);
        removeBase(real.base);
      }
    });
  });
});
