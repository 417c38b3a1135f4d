import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { createBuiltinRunner } from '../../../converter/runner/builtin.ts';
import type { ConversionRunner } from '../../../converter/runner/types.ts';
import { launchBrowser, type Browser } from '../../support/browser.ts';
import { CORPUS } from '../../support/paths.ts';
import { buildRealApp, readZip, zipUnder } from './support-e2e.ts';
import { binary, removeBase, zipOf } from './support.ts';
import { screenshot, serve, textOf, type Served } from './web-page-support.ts';

// Page-side globals for the callbacks run in Chromium (the project compiles without the DOM lib).
interface PageElement {
  textContent: string | null;
  querySelectorAll(selector: string): { length: number };
}
declare const document: { getElementById(id: string): PageElement | null; querySelectorAll(selector: string): { length: number } };
declare const performance: { now(): number };
declare const window: Record<string, unknown>;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageElement, options: Record<string, boolean>): void;
}

const statusStarts = (page: Page, prefix: string): Promise<unknown> =>
  page.waitForFunction((p) => (document.getElementById('status')?.textContent ?? '').startsWith(p), prefix, { timeout: 90_000 });

// The largest archive of the corpus: 1,190 pages, about 1,200 result files.
describe('converter web page with the largest corpus archive (headless Chromium, real engine)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let runner: ConversionRunner;
  let real: ReturnType<typeof buildRealApp>;
  let served: Served;
  let page: Page;
  let zipPath: string;

  before(async () => {
    browser = await launchBrowser();
    runner = createBuiltinRunner({ concurrency: 1, queueLimit: 2 });
    real = buildRealApp(runner);
    served = await serve(real.app);
    zipPath = path.join(real.base, 'SlothCreator.doccarchive.zip');
    fs.writeFileSync(zipPath, await zipUnder(path.join(CORPUS, 'slothcreator'), 'SlothCreator.doccarchive'));
  });
  after(async () => {
    await served?.close();
    await runner?.close(5000);
    await browser?.close();
    if (real) removeBase(real.base);
  });
  beforeEach(async () => {
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(served.url);
    await page.waitForFunction(() => /MiB/.test(document.getElementById('limits')?.textContent ?? ''));
  });
  afterEach(async () => {
    await page?.close();
  });

  it('converts it, summarises it, previews it with links followed inside the page, and downloads what the API returns', async () => {
    await page.locator('#file-input').setInputFiles(zipPath);
    await page.locator('#technology-choices input').first().waitFor();
    expect(await page.locator('#technology-choices label').allTextContents()).to.deep.equal([' SlothCreator']);
    await page.evaluate(() => {
      const texts: string[] = [];
      window.progressTexts = texts;
      const el = document.getElementById('progress-text')!;
      new MutationObserver(() => texts.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.locator('#convert').click();
    await statusStarts(page, 'Done');
    const progress = (await page.evaluate(() => window.progressTexts)) as string[];
    expect(progress.filter((p) => p.startsWith('Uploading: 100%'))).to.have.length.greaterThan(0);
    expect(progress.some((p) => p.startsWith('Converting'))).to.equal(true);

    const summary = await textOf(page, '#summary');
    expect(summary).to.contain('1179 symbols, 9 articles, 1 tutorial (1 volume, 1 chapter)');
    const filesShown = Number(/(\d+) files/.exec(summary)?.[1]);
    expect(await textOf(page, '#summary dd:nth-of-type(3)')).to.equal('slothcreator');
    expect(await textOf(page, '#page-path')).to.equal('index.md');
    // The tree is built lazily: a result of 1,193 files starts as a few dozen nodes.
    expect(await page.evaluate(() => document.querySelectorAll('#file-tree a, #file-tree summary').length)).to.be.below(20);
    await screenshot(page, '20-corpus-done', false);

    // index.md → a symbol page (root-relative link) → a sibling (a "../" link).
    await page.locator('#page-rendered a[data-preview-path="markdown/documentation/slothcreator/sloth/index.md"]').first().click();
    expect(await textOf(page, '#page-path')).to.equal('markdown/documentation/slothcreator/sloth/index.md');
    expect(await textOf(page, '#page-rendered h1')).to.equal('Sloth');
    expect(await page.locator('#file-tree a[aria-current="page"]').textContent()).to.equal('index.md');
    const started = Date.now();
    await page.locator('#page-rendered a', { hasText: 'SlothGenerator' }).first().click();
    const followMs = Date.now() - started;
    expect(await textOf(page, '#page-path')).to.equal('markdown/documentation/slothcreator/slothgenerator/index.md');
    await screenshot(page, '21-corpus-followed-link', false);

    await page.locator('#raw-toggle').click();
    expect((await textOf(page, '#page-raw')).startsWith('# SlothGenerator\n')).to.equal(true);
    await screenshot(page, '22-corpus-raw', false);
    await page.locator('#raw-toggle').click();

    await page.locator('#open-llms').click();
    expect(await textOf(page, '#page-path')).to.equal('llms.txt');
    expect(await page.locator('#page-rendered a[data-preview-path]').count()).to.be.greaterThan(10);
    await screenshot(page, '23-corpus-llms', false);

    await page.locator('#file-filter').fill('sloth/name/');
    expect(await page.locator('#file-tree .matches a').allTextContents()).to.include(
      'markdown/documentation/slothcreator/sloth/name/index.md',
    );

    const zipDownload = page.waitForEvent('download');
    await page.locator('#download').click();
    const downloaded = fs.readFileSync(await (await zipDownload).path());
    const pageDownload = page.waitForEvent('download');
    await page.locator('#page-download').click();
    const single = await pageDownload;
    expect(single.suggestedFilename()).to.equal('llms.txt');

    const api = await request(real.app).post('/api/v1/convert').attach('file', zipPath).buffer(true).parse(binary);
    expect(api.status).to.equal(200);
    const [fromPage, fromApi] = [await readZip(downloaded), await readZip(api.body as Buffer)];
    expect([...fromPage.keys()].sort()).to.deep.equal([...fromApi.keys()].sort());
    expect(filesShown, 'files in the summary').to.equal(fromApi.size);
    for (const [name, bytes] of fromApi) expect(fromPage.get(name)?.equals(bytes), name).to.equal(true);
    expect(fs.readFileSync(await single.path()).equals(fromApi.get('llms.txt')!)).to.equal(true);
    const rendered = await page.evaluate(() => {
      const t0 = performance.now();
      (document.getElementById('open-index') as unknown as { click(): void }).click();
      return performance.now() - t0;
    });
    console.log(
      `      (measured: following a link ${followMs} ms round trip from the test; opening index.md ${rendered.toFixed(1)} ms in the page)`,
    );
  });

  it('shows what to do when the zip holds no DocC archive', async () => {
    const notDocc = path.join(real.base, 'photos.zip');
    fs.writeFileSync(notDocc, await zipOf({ 'photos/cat.txt': 'not documentation' }));
    await page.locator('#file-input').setInputFiles(notDocc);
    await page.locator('#convert').click();
    await page.locator('#error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#error-message')).to.match(/\(NOT_DOCC_ARCHIVE\)$/);
    expect(await textOf(page, '#error-advice')).to.contain('exactly one DocC archive');
    await screenshot(page, '24-not-docc');
  });
});
