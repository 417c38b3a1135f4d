// End-to-end helpers: the app with the real archive library and a real engine runner, zips made
// from fixture directories, and zip/directory trees read back for comparison.
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { createLogger } from '../../../common/logger.ts';
import { createWorkspaceManager } from '../../../converter/archive/index.ts';
import type { ConversionRunner } from '../../../converter/runner/types.ts';
import { createConverterMetrics } from '../../../converter/observability/metrics.ts';
import { buildApp } from '../../../converter/server/app.ts';
import type { AppDeps } from '../../../converter/server/deps.ts';
import { Lifecycle } from '../../../converter/conversion/lifecycle.ts';
import { archiveService } from '../../../converter/conversion/archive-service.ts';
import { listFiles, zipTree } from '../../support/zip.ts';
import { LogCapture, tempBase, testConfig, type TestApp } from './support.ts';
import type { FakeArchive, FakeRunner } from './support.ts';

export type Tree = Map<string, Buffer>;

export function buildRealApp(
  runner: ConversionRunner,
  env: Record<string, string> = {},
): Omit<TestApp, 'archive' | 'runner'> & { runner: ConversionRunner } {
  const base = tempBase();
  const logs = new LogCapture();
  const metrics = createConverterMetrics({ defaultMetrics: false, runnerStats: () => runner.stats() });
  const deps: AppDeps = {
    config: testConfig(base, env),
    logger: createLogger({ serviceName: 'docc2context-converter', level: 'info', stream: logs }),
    metrics,
    archive: archiveService(createWorkspaceManager({ baseDir: base, prefix: 'd2c-test' })),
    runner,
    engineStatus: () => ({ engine: runner.engine, available: true, binaryDetected: false, binaryPath: 'docc2context' }),
    lifecycle: new Lifecycle(),
  };
  return { app: buildApp(deps), deps, logs, metrics, base, runner };
}

export type { FakeArchive, FakeRunner };

export function readTree(dir: string): Tree {
  return new Map(listFiles(dir).map((rel) => [rel, fs.readFileSync(path.join(dir, rel))]));
}

/** Zips `dir` under `rootName/` (the usual shape of a zipped .doccarchive). */
export function zipUnder(dir: string, rootName: string): Promise<Buffer> {
  return zipTree(dir, `${rootName}/`);
}

export function readZip(buffer: Buffer): Promise<Tree> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const tree: Tree = new Map();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (openErr, stream) => {
          if (openErr) return reject(openErr);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            tree.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(tree));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
