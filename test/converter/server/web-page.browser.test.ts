import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import express from 'express';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { AppError } from '../../../converter/errors.ts';
import { launchBrowser, type Browser } from '../../support/browser.ts';
import { SERVICE_FIXTURES } from '../../support/paths.ts';
import { binary, buildTestApp, removeBase, settledLeftovers, zipOf, type TestApp } from './support.ts';
import { screenshot, serve, textOf, throttleUpload, withStoreFeatures, type Served } from './web-page-support.ts';
import { delay } from '../../../common/delay.ts';

// Page-side globals for the callbacks run in Chromium (the project compiles without the DOM lib).
interface PageElement {
  textContent: string | null;
}
declare const document: { getElementById(id: string): PageElement | null };
declare const window: Record<string, unknown>;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageElement, options: Record<string, boolean>): void;
}

/** Waits until the text of element `id` matches `pattern` (a function: the CSP forbids eval). */
function until(page: Page, id: string, pattern: RegExp): Promise<unknown> {
  return page.waitForFunction(([elementId, source]) => new RegExp(source).test(document.getElementById(elementId)?.textContent ?? ''), [
    id,
    pattern.source,
  ] as const);
}
const statusIs = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Records every text of the status line and of the progress line, to assert transient states. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = { status: [], 'progress-text': [] };
    window.seen = seen;
    for (const [id, list] of Object.entries(seen)) {
      const el = document.getElementById(id)!;
      new MutationObserver(() => list.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    }
  });
}
const seen = (page: Page): Promise<Record<string, string[]>> => page.evaluate(() => window.seen as Record<string, string[]>);

describe('converter web page (headless Chromium, test runner)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let t: TestApp;
  let served: Served;
  let page: Page;
  let zipPath: string;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  async function open(app = t.app): Promise<void> {
    served = await serve(app);
    page = await browser.context.newPage();
    await page.goto(served.url);
    await until(page, 'limits', /MiB/);
    await recordProgress(page);
  }

  beforeEach(async () => {
    t = buildTestApp({ env: { MAX_UPLOAD_SIZE_MB: '4' } });
    zipPath = path.join(t.base, 'Sample.doccarchive.zip');
    // Incompressible, so the upload takes several progress events.
    fs.writeFileSync(
      zipPath,
      await zipOf({ 'Sample.doccarchive/metadata.json': '{}', 'Sample.doccarchive/blob.bin': randomBytes(1024 * 1024) }),
    );
  });
  afterEach(async () => {
    await page?.close();
    await served?.close();
    removeBase(t.base);
  });

  async function convert(file = zipPath): Promise<void> {
    await page.locator('#file-input').setInputFiles(file);
    await page.locator('#convert').click();
  }

  describe('when a DocC zip is uploaded and converted', () => {
    it('shows upload percent and bytes up to 100%, then converting with elapsed time, then the summary and preview; the download equals the API zip', async () => {
      await open();
      let release!: () => void;
      t.runner.gate = new Promise((resolve) => (release = resolve));
      await throttleUpload(page, 512 * 1024);
      await convert();
      await until(page, 'progress-text', /^Uploading/);
      await screenshot(page, '01-uploading');
      await until(page, 'progress-text', /^Converting/);
      expect(await textOf(page, '#progress-text')).to.match(/^Converting… \d+ s elapsed$/);
      expect(await page.locator('#cancel').isVisible()).to.equal(true);
      await screenshot(page, '02-converting');
      release();
      await until(page, 'status', statusIs('Done'));
      await screenshot(page, '03-done');

      const { status = [], 'progress-text': progress = [] } = await seen(page);
      const uploads = progress.filter((p) => p.startsWith('Uploading'));
      expect(uploads.length).to.be.greaterThan(2);
      expect(uploads.at(-1)).to.match(/^Uploading: 100% \(1\.0 MiB of 1\.0 MiB sent\)$/);
      expect(uploads.some((p) => /^Uploading: ([1-9]|[1-9]\d)% \(.* of 1\.0 MiB sent\)$/.test(p))).to.equal(true);
      expect(status.indexOf('Upload complete (100%). Converting on the server…')).to.be.greaterThan(-1);
      expect(await page.locator('#status').getAttribute('aria-live')).to.equal('polite');

      const summary = await textOf(page, '#summary');
      expect(summary).to.contain('Sample-markdown.zip');
      expect(summary).to.contain('0 symbols, 1 article, 0 tutorials');
      expect(summary).to.contain('None: every page was converted.');
      expect(await textOf(page, '#page-path')).to.equal('markdown/index.md');
      expect(await textOf(page, '#page-rendered h1')).to.equal('Fake');

      const downloadEvent = page.waitForEvent('download');
      await page.locator('#download').click();
      const download = await downloadEvent;
      expect(download.suggestedFilename()).to.equal('Sample-markdown.zip');
      const downloaded = fs.readFileSync(await download.path());
      t.runner.gate = undefined;
      const api = await request(t.app).post('/api/v1/convert').attach('file', zipPath).buffer(true).parse(binary);
      expect(downloaded.equals(api.body as Buffer)).to.equal(true);
    });
  });

  describe('when the result holds warnings.json', () => {
    it('lists every skipped page with its reason', async () => {
      t.runner.output = {
        'index.md': '# Kit\n',
        'warnings.json': JSON.stringify({
          warnings: [
            { page: 'data/documentation/kit/broken.json', reason: 'The page is not valid JSON.' },
            { page: 'data/documentation/kit/odd.json', reason: 'Rendering failed: unknown block kind.' },
          ],
        }),
      };
      await open();
      await convert();
      await until(page, 'status', statusIs('Done'));
      const items = await page.locator('#warning-list li').allTextContents();
      expect(items).to.deep.equal([
        'data/documentation/kit/broken.json: The page is not valid JSON.',
        'data/documentation/kit/odd.json: Rendering failed: unknown block kind.',
      ]);
      expect(await textOf(page, '#summary')).to.contain('2 pages skipped or degraded');
      await screenshot(page, '04-warnings');
    });

    it('says how many warnings the server counted when the zip holds no list of them', async () => {
      // A stand-in for a server that counts warnings in the header only (contract §4, both shapes).
      const counting = express();
      counting.use((req, res, next) => {
        if (req.path === '/api/v1/convert') {
          // The real route sets its own count (0 here): whatever it sets, this server says 3.
          const setHeader = res.setHeader.bind(res);
          res.setHeader = (name: string, value: number | string | readonly string[]) =>
            setHeader(name, name.toLowerCase() === 'x-docc2context-warnings' ? '3' : value);
        }
        next();
      });
      counting.use(t.app);
      await open(counting);
      await convert();
      await until(page, 'status', statusIs('Done'));
      expect(await page.locator('#warning-list li').allTextContents()).to.deep.equal([
        'The server reported 3 warnings, but the result holds no warnings.json listing them.',
      ]);
      expect(await textOf(page, '#summary')).to.contain('3 pages skipped or degraded');
    });
  });

  describe('when a page of the result is hostile', () => {
    it('renders it inert: no script, no handlers, no javascript: links, nothing runs', async () => {
      t.runner.output = {
        'index.md': [
          '# Hostile',
          '<script>window.pwned = "script"</script>',
          '<img src="x" onerror="window.pwned = \'img\'">',
          '<a href="javascript:window.pwned=\'raw\'">raw link</a>',
          "[md link](javascript:window.pwned='md')",
          '<div onclick="window.pwned = \'click\'" style="position:fixed">click me</div>',
          '<iframe src="javascript:window.pwned=\'frame\'"></iframe>',
          '[next](other.md) and [web](https://example.com/)',
        ].join('\n\n'),
        'other.md': '# Other\n',
      };
      await open();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await convert();
      await until(page, 'status', statusIs('Done'));
      await page.locator('#page-rendered').getByText('click me').click();
      await page.locator('#page-rendered a', { hasText: 'raw link' }).click();
      await page.locator('#page-rendered a', { hasText: 'md link' }).click();
      expect(await page.evaluate(() => window.pwned)).to.equal(undefined);
      expect(
        await page
          .locator(
            '#page-rendered script, #page-rendered iframe, #page-rendered img, #page-rendered [onerror], #page-rendered [onclick], #page-rendered [style]',
          )
          .count(),
      ).to.equal(0);
      expect(await page.locator('#page-rendered a[href^="javascript"]').count()).to.equal(0);
      expect(await page.locator('#page-rendered a', { hasText: 'web' }).getAttribute('rel')).to.equal('noopener noreferrer');
      expect(dialogs).to.deep.equal([]);
      expect(page.url()).to.equal(`${served.url}/`);
      await screenshot(page, '05-hostile');
      await page.locator('#page-rendered a', { hasText: 'next' }).click();
      expect(await textOf(page, '#page-path')).to.equal('other.md');
    });
  });

  describe('when the file is not a zip', () => {
    it("shows the server's message and what to do", async () => {
      await open();
      await convert(path.join(SERVICE_FIXTURES, 'negative', 'invalid.txt'));
      await page.locator('#error').waitFor({ state: 'visible' });
      expect(await textOf(page, '#error-message')).to.equal('The upload is not a zip archive. (UNSUPPORTED_MEDIA_TYPE)');
      expect(await textOf(page, '#error-advice')).to.contain('zip -r MyKit.doccarchive.zip MyKit.doccarchive');
      expect(await textOf(page, '#error-id')).to.match(/^Request id: \S+/);
      expect(await textOf(page, '#status')).to.equal('Conversion failed.');
      await screenshot(page, '06-not-a-zip');
    });
  });

  describe('when the file is larger than the server limit', () => {
    it('refuses it in the page without uploading, naming the limit', async () => {
      await open();
      const big = path.join(t.base, 'big.zip');
      fs.writeFileSync(big, Buffer.alloc(5 * 1024 * 1024, 1));
      await page.locator('#file-input').setInputFiles(big);
      expect(await textOf(page, '#error-message')).to.contain('the upload limit is 4.0 MiB');
      expect(await textOf(page, '#error-advice')).to.contain('MAX_UPLOAD_SIZE_MB');
      expect(await page.locator('#convert').isDisabled()).to.equal(true);
      expect(t.runner.requests).to.have.length(0);
      await screenshot(page, '07-too-large');
    });
  });

  describe('when the server finds the archive too large unpacked', () => {
    it('names the unpacked limit in force', async () => {
      t.archive.inspectError = new AppError('ARCHIVE_TOO_LARGE', 'The archive would inflate past the limit.');
      await open();
      await convert();
      await page.locator('#error').waitFor({ state: 'visible' });
      expect(await textOf(page, '#error-message')).to.equal('The archive would inflate past the limit. (ARCHIVE_TOO_LARGE)');
      expect(await textOf(page, '#error-advice')).to.contain('at most 500.0 MiB');
      await screenshot(page, '07b-too-large-unpacked');
    });
  });

  describe('when the user cancels during the upload', () => {
    it('stops the upload, says Cancelled, and the server converts nothing and keeps nothing', async () => {
      await open();
      await throttleUpload(page, 128 * 1024);
      await convert();
      await until(page, 'progress-text', /^Uploading: [1-9]\d?% /);
      await page.locator('#cancel').click();
      await until(page, 'status', statusIs('Cancelled'));
      expect(t.runner.requests).to.have.length(0);
      expect(await settledLeftovers(t.base, 500)).to.deep.equal(['Sample.doccarchive.zip']);
      expect(await page.locator('#cancel').isHidden()).to.equal(true);
      expect(await page.locator('#convert').isEnabled()).to.equal(true);
      await screenshot(page, '08-cancelled-upload');
    });
  });

  describe('when the user cancels during the conversion', () => {
    it('stops, says Cancelled, and the server aborts the conversion and removes the workspace', async () => {
      await open();
      t.runner.gate = new Promise(() => undefined);
      await convert();
      await until(page, 'progress-text', /^Converting/);
      await page.locator('#cancel').click();
      await until(page, 'status', statusIs('Cancelled'));
      while (t.runner.abortedCount === 0) await delay(10);
      fs.rmSync(zipPath);
      expect(await settledLeftovers(t.base)).to.deep.equal([]);
      expect(await page.locator('#cancel').isHidden()).to.equal(true);
    });
  });

  describe('when the client is rate limited', () => {
    it('shows the retry time from Retry-After', async () => {
      const { app, features } = await withStoreFeatures(
        buildTestAppInto(t, { RATE_LIMIT_REQUESTS: '1', RATE_LIMIT_WINDOW_SECONDS: '120', CACHE_TTL_SECONDS: '0' }),
      );
      try {
        await open(app);
        await convert();
        await until(page, 'status', statusIs('Done'));
        await page.locator('#convert').click();
        await page.locator('#error').waitFor({ state: 'visible' });
        expect(await textOf(page, '#error-message')).to.match(/\(RATE_LIMITED\)$/);
        expect(await textOf(page, '#error-advice')).to.match(
          /^You have sent too many conversions for now\. Try again in (\d+ min( \d+ s)?|\d+ s)\.$/,
        );
        await screenshot(page, '09-rate-limited');
      } finally {
        await features.close(1000);
      }
    });
  });

  describe('when the same archive is converted twice with the cache on', () => {
    it('says the second answer came from the cache, with its time', async () => {
      const { app, features } = await withStoreFeatures(buildTestAppInto(t, { RATE_LIMIT_REQUESTS: '100' }));
      try {
        await open(app);
        await convert();
        await until(page, 'status', statusIs('Done:'));
        expect(await textOf(page, '#summary')).to.contain('Converted by the builtin engine');
        await page.locator('#convert').click();
        await until(page, 'status', statusIs('Done (from the cache)'));
        expect(await textOf(page, '#summary .cache-hit')).to.match(/^Cache hit: answered from the cache at .+, without converting again/);
        expect(t.runner.requests).to.have.length(1);
        await screenshot(page, '10-cache-hit');
      } finally {
        await features.close(1000);
      }
    });
  });

  describe('when the service is busy or the conversion times out', () => {
    it('says busy with the retry time, and timed out with the limit', async () => {
      await open();
      t.runner.statsValue = { inFlight: 2, queued: 4, capacity: 2, queueLimit: 4 };
      await convert();
      await page.locator('#error').waitFor({ state: 'visible' });
      expect(await textOf(page, '#error-message')).to.contain('(OVERLOADED)');
      expect(await textOf(page, '#error-advice')).to.match(/^The service is busy\. Try again in \d+ s\.$/);
      t.runner.statsValue = { inFlight: 0, queued: 0, capacity: 2, queueLimit: 4 };
      t.runner.error = new AppError('TIMED_OUT', 'The conversion took too long.');
      await page.locator('#convert').click();
      await until(page, 'error-message', /TIMED_OUT/);
      expect(await textOf(page, '#error-advice')).to.contain('longer than 1 min.');
      await screenshot(page, '11-timed-out');
    });
  });
});

/** A fresh test app on the same base with extra configuration (the store features read it). */
function buildTestAppInto(t: TestApp, env: Record<string, string>): TestApp {
  const fresh = buildTestApp({ env: { MAX_UPLOAD_SIZE_MB: '4', ...env } });
  removeBase(fresh.base);
  Object.assign(fresh.deps, { archive: t.archive, runner: t.runner });
  return { ...fresh, archive: t.archive, runner: t.runner, base: t.base };
}
