import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { FileChooser, Page } from 'playwright-core';
import { SERVICE_DEFAULT_OPTIONS } from '../../../common/contract/conversion-job.ts';
import { launchBrowser, type Browser } from '../../support/browser.ts';
import { buildTestApp, removeBase, zipOf, type TestApp } from './support.ts';
import { screenshot, serve, textOf, type Served } from './web-page-support.ts';

// Page-side globals for the callbacks run in Chromium (the project compiles without the DOM lib).
interface PageElement {
  textContent: string | null;
  id: string;
  scrollWidth: number;
}
declare const document: { getElementById(id: string): PageElement | null; activeElement: PageElement | null; documentElement: PageElement };
declare function getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string };

const technologyPage = (module: string): string =>
  JSON.stringify({
    identifier: { url: `doc://${module}/documentation/${module}` },
    metadata: { title: module, modules: [{ name: module }] },
  });
const tutorialPage = (tech: string): string =>
  JSON.stringify({ identifier: { url: `doc://${tech}/tutorials/${tech}` }, metadata: { title: `Meet ${tech}` } });

declare const window: Record<string, unknown>;
declare const XMLHttpRequest: { prototype: { send(body?: unknown): void } };
declare class FormData {
  entries(): IterableIterator<[string, unknown]>;
}

/** Records the text fields of every FormData the page sends through XMLHttpRequest. */
async function recordSentForms(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sent: Array<Array<[string, string]>> = [];
    window.sentForms = sent;
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body?: unknown) {
      if (body instanceof FormData) sent.push([...body.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
      return send.call(this, body);
    };
  });
}

describe('converter web page controls (headless Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let t: TestApp;
  let served: Served;
  let page: Page;
  let zipPath: string;
  let firstFileChooser: Promise<FileChooser>;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    t = buildTestApp();
    t.runner.output = {
      'index.md': '# Kit\n\n[Guide](markdown/documentation/kit/guide/index.md)\n',
      'markdown/documentation/kit/guide/index.md': '# Guide\n\nBack to [the index](../../../../index.md).\n',
      'llms.txt': '# Kit\n',
    };
    zipPath = path.join(t.base, 'Kit.doccarchive.zip');
    fs.writeFileSync(
      zipPath,
      await zipOf({
        'Kit.doccarchive/metadata.json': '{}',
        'Kit.doccarchive/data/documentation/kit.json': technologyPage('Kit'),
        'Kit.doccarchive/data/documentation/kitextras.json': technologyPage('KitExtras'),
        'Kit.doccarchive/data/tutorials/kit.json': tutorialPage('Kit'),
        'Kit.doccarchive/data/documentation/kit/thing.json': technologyPage('Nested'),
      }),
    );
    served = await serve(t.app);
    page = await browser.context.newPage();
    // Listen before the page loads: Playwright turns on file-chooser interception with a message it
    // does not wait for, so a key press sent right after waitForEvent() can open the chooser first.
    firstFileChooser = page.waitForEvent('filechooser', { timeout: 0 });
    firstFileChooser.catch(() => undefined); // the page closes unanswered in every other test
    await page.goto(served.url);
    await page.waitForFunction(() => /MiB/.test(document.getElementById('limits')?.textContent ?? ''));
  });
  afterEach(async () => {
    await page?.close();
    await served?.close();
    removeBase(t.base);
  });

  describe('when the page loads', () => {
    it("shows the service's real defaults and offers tutorial layout only for swift-compat", async () => {
      expect(await page.locator('#profile').inputValue()).to.equal(SERVICE_DEFAULT_OPTIONS.profile);
      expect(await page.locator('#symbol-layout').inputValue()).to.equal(SERVICE_DEFAULT_OPTIONS.symbolLayout);
      expect(await page.locator('#tutorial-layout').inputValue()).to.equal(SERVICE_DEFAULT_OPTIONS.tutorialLayout);
      expect(await page.locator('#profile option:checked').textContent()).to.equal('rich (default)');
      expect(await page.locator('#tutorial-layout option:checked').textContent()).to.equal('chapter (default)');
      expect(await page.locator('#front-matter').isChecked()).to.equal(false);
      expect(await page.locator('#tutorial-layout').isVisible()).to.equal(false);
      await page.locator('#profile').selectOption('swift-compat');
      expect(await page.locator('#tutorial-layout').isVisible()).to.equal(true);
      expect(await page.locator('#front-matter').isVisible()).to.equal(false);
    });

    it('runs under the strict CSP with no console errors', async () => {
      const errors: string[] = [];
      const fresh = await browser.context.newPage();
      fresh.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      fresh.on('pageerror', (e) => errors.push(e.message));
      const response = await fresh.goto(served.url);
      expect(response?.headers()['content-security-policy']).to.contain("script-src 'self'");
      await fresh.waitForFunction(() => /MiB/.test(document.getElementById('limits')?.textContent ?? ''));
      await fresh.close();
      expect(errors).to.deep.equal([]);
    });
  });

  describe('when an archive is chosen', () => {
    it("offers the archive's technologies and sends the chosen and typed ones", async () => {
      await page.locator('#file-input').setInputFiles(zipPath);
      await page.locator('#technology-choices input').first().waitFor();
      expect(await page.locator('#technology-choices label').allTextContents()).to.deep.equal([' Kit', ' KitExtras']);
      await page.getByLabel('KitExtras').check();
      await page.locator('#technology-text').fill('Other, Kit');
      await screenshot(page, '12-options');
      await page.locator('#convert').click();
      await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Done'));
      expect(t.runner.requests[0]?.options).to.deep.include({
        profile: 'rich',
        symbolLayout: 'tree',
        technologies: ['KitExtras', 'Other', 'Kit'],
      });
    });
  });

  describe('when front matter and the profile are chosen', () => {
    it('sends frontMatter only when checked, and tutorialLayout only with swift-compat', async () => {
      await page.locator('#file-input').setInputFiles(zipPath);
      await recordSentForms(page);
      const convertOnce = async (): Promise<void> => {
        await page.locator('#convert').click();
        await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Done'));
      };
      await convertOnce();
      await page.locator('#front-matter').check();
      await convertOnce();
      await page.locator('#profile').selectOption('swift-compat');
      await page.locator('#tutorial-layout').selectOption('single');
      await convertOnce();
      const sent = (await page.evaluate(() => window.sentForms)) as Array<Array<[string, string]>>;
      expect(sent[0]).to.deep.equal([
        ['profile', 'rich'],
        ['symbolLayout', 'tree'],
      ]);
      expect(sent[1]).to.deep.equal([
        ['profile', 'rich'],
        ['symbolLayout', 'tree'],
        ['frontMatter', 'true'],
      ]);
      expect(sent[2]).to.deep.equal([
        ['profile', 'swift-compat'],
        ['symbolLayout', 'tree'],
        ['tutorialLayout', 'single'],
      ]);
      expect(t.runner.requests[2]?.options).to.deep.include({ profile: 'swift-compat', tutorialLayout: 'single' });
    });
  });

  describe('when it is used with the keyboard only', () => {
    it('picks, converts, follows a link, toggles raw and shows the focus', async () => {
      const focusedId = (): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');
      await page.keyboard.press('Tab'); // skip link
      await page.keyboard.press('Tab');
      expect(await focusedId()).to.equal('drop-zone');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).to.equal('solid');
      await page.keyboard.press('Enter');
      await (await firstFileChooser).setFiles(zipPath);
      await page.locator('#convert').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Done'));
      await page.locator('#download').focus();
      let guard = 0;
      while ((await page.evaluate(() => document.activeElement?.textContent ?? '')) !== 'Guide' && guard++ < 40)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await textOf(page, '#page-path')).to.equal('markdown/documentation/kit/guide/index.md');
      expect(await focusedId()).to.equal('page-path');
      await page.locator('#raw-toggle').focus();
      await page.keyboard.press('Space');
      expect(await page.locator('#page-raw').isVisible()).to.equal(true);
      expect(await textOf(page, '#page-raw')).to.contain('Back to [the index](../../../../index.md).');
      expect(await page.locator('#raw-toggle').getAttribute('aria-pressed')).to.equal('true');
      await screenshot(page, '13-keyboard-raw');
      await page.keyboard.press('Enter');
      expect(await page.locator('#page-rendered').isVisible()).to.equal(true);
    });
  });

  describe('when shown at 360 px in the dark scheme', () => {
    it('fits the width without horizontal scrolling, before and after a result', async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.emulateMedia({ colorScheme: 'dark' });
      const overflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await overflow()).to.be.at.most(360);
      await screenshot(page, '14-narrow-dark-empty');
      await page.locator('#file-input').setInputFiles(zipPath);
      await page.locator('#convert').click();
      await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Done'));
      expect(await overflow()).to.be.at.most(360);
      await screenshot(page, '15-narrow-dark-result');
      await page.emulateMedia({ colorScheme: 'light' });
      await screenshot(page, '16-narrow-light-result');
    });
  });
});
