// Helpers for the web page's browser tests: a listening server per app, screenshots under
// test-results/ (git-ignored, looked at by people), the store features (cache, rate limits) on a
// memory store, and upload throttling through the DevTools protocol.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import type { Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { createStoreFeatures, type StoreFeatures } from '../../../converter/app/store-features.ts';
import { buildApp } from '../../../converter/server/app.ts';
import { REPO_ROOT } from '../../support/paths.ts';
import type { TestApp } from './support.ts';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(app: Express): Promise<Served> {
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Saves a screenshot of the page as test-results/web-<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `web-${name}.png`), fullPage });
}

/** The test app rebuilt with the real store features (memory store): result cache and rate limits. */
export async function withStoreFeatures(t: TestApp): Promise<{ app: Express; features: StoreFeatures }> {
  const { deps } = t;
  const { config, logger, archive, runner, engineStatus, lifecycle } = deps;
  const features = await createStoreFeatures({ config, logger, archive, runner, engineStatus, lifecycle, registry: new Registry() });
  return { app: buildApp({ ...deps, ...features.appDeps }), features };
}

/** Limits the browser's upload speed (bytes per second) so an upload lasts long enough to watch. */
export async function throttleUpload(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

/** Text of an element, '' when absent. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).textContent()) ?? '';
}
