// Acceptance on the whole docc-corpus: every page converts in both layouts (only the two
// hand-written invalid-JSON fixtures fail, each with its own error), and the text recall of
// every archive is at least 99.5 %.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { convertRich } from '../../../../converter/engine/rich/convert.ts';
import type { RichResult } from '../../../../converter/engine/rich/convert.ts';
import { corpusArchives } from './support/corpus.ts';
import type { CorpusArchive } from './support/corpus.ts';
import { MemorySink } from './support/memory-sink.ts';
import { measureRecall, textRuns } from './support/text-runs.ts';

const INVALID_JSON_FIXTURES = [
  'data/Rendering/Rendering Fixtures/plist-symbol.json',
  'data/Rendering/Rendering Fixtures/term-lists-3.json',
];

async function convert(archive: CorpusArchive, symbolLayout: 'tree' | 'single'): Promise<{ result: RichResult; sink: MemorySink }> {
  const sink = new MemorySink();
  const reader = archive.open();
  try {
    const result = await convertRich(reader, sink, { symbolLayout, technologies: [], frontMatter: false });
    return { result, sink };
  } finally {
    await reader.close();
  }
}

describe('rich profile on the docc-corpus', () => {
  for (const archive of corpusArchives()) {
    describe(`when converting ${archive.name}`, () => {
      const runs = new Map<string, { result: RichResult; sink: MemorySink }>();

      before(async () => {
        for (const layout of ['tree', 'single'] as const) runs.set(layout, await convert(archive, layout));
      });

      for (const layout of ['tree', 'single'] as const) {
        it(`writes every page without an error in the ${layout} layout`, () => {
          const { result, sink } = runs.get(layout) as { result: RichResult; sink: MemorySink };
          const failures = result.errors.filter((error) => error.reason !== 'not-a-page');
          const expected = archive.name === 'fixtures/swift-docc-tests' ? INVALID_JSON_FIXTURES : [];
          expect(failures.map((error) => error.source)).to.deep.equal(expected);
          for (const failure of failures) expect(failure.message).to.match(/^Skipped .+\.json: it is not valid JSON \(.+\)\.$/);
          expect(result.written.length).to.be.greaterThan(0);
          for (const page of result.written) expect(sink.files.get(page.path), page.path).to.be.a('string').and.not.equal('');
          expect(sink.files.has('index.md') && sink.files.has('llms.txt')).to.equal(true);
        });
      }

      it('keeps at least 99.5 % of the text runs', () => {
        const { result, sink } = runs.get('tree') as { result: RichResult; sink: MemorySink };
        let found = 0;
        let total = 0;
        const missing: string[] = [];
        for (const page of result.written) {
          const json = JSON.parse(fs.readFileSync(sourceFile(archive, page.source), 'utf8'));
          const recall = measureRecall(textRuns(json), sink.files.get(page.path) ?? '');
          found += recall.found;
          total += recall.total;
          missing.push(...recall.missing.map((run) => `${page.source}: ${run}`));
        }
        const share = total === 0 ? 1 : found / total;
        console.log(`      text recall ${archive.name}: ${(share * 100).toFixed(2)} % (${found}/${total} runs)`);
        expect(total).to.be.greaterThan(0);
        expect(share, missing.slice(0, 10).join('\n')).to.be.at.least(0.995);
      });
    });
  }
});

/** Fixture folders are presented with a synthetic `data/` prefix (support/corpus.ts). */
function sourceFile(archive: CorpusArchive, source: string): string {
  return path.join(archive.root, archive.name.startsWith('fixtures/') ? source.replace(/^data\//, '') : source);
}
