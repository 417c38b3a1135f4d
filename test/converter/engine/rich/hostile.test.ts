import { expect } from 'chai';
import { EngineError } from '../../../../converter/engine/api.ts';
import { BudgetedSink, OutputBudget } from '../../../../converter/engine/io/output-budget.ts';
import { topicListItem } from '../../../../converter/engine/rich/containers.ts';
import { convertRich } from '../../../../converter/engine/rich/convert.ts';
import type { JsonObject } from '../../../../converter/engine/rich/types.ts';
import { hugeString, manyReferences, repeatedReference } from '../../../support/hostile-archives.ts';
import { testContext } from './support/context.ts';
import { MemoryReader } from './support/memory-reader.ts';
import { MemorySink } from './support/memory-sink.ts';

const OPTIONS = { symbolLayout: 'tree', technologies: [], frontMatter: false } as const;
const KIB = 1024;
const MIB = 1024 * KIB;

async function convert(files: Record<string, string>, maxBytes?: number): Promise<{ sink: MemorySink; error?: unknown }> {
  const sink = new MemorySink();
  const budget = new OutputBudget(maxBytes);
  try {
    await convertRich(new MemoryReader(files), new BudgetedSink(sink, budget), { ...OPTIONS, budget });
    return { sink };
  } catch (error) {
    return { sink, error };
  }
}

function expectOutputTooLarge(error: unknown, shownCap: string): void {
  expect(error).to.be.instanceOf(EngineError);
  expect((error as EngineError).reason).to.equal('output-too-large');
  expect((error as EngineError).message)
    .to.contain(shownCap)
    .and.contain('MAX_OUTPUT_BYTES');
}

describe('rich conversion of hostile archives', () => {
  describe('when one reference with a big abstract is listed thousands of times', () => {
    it('renders its list item once per page, however often it is used', () => {
      let abstractReads = 0;
      const reference: JsonObject = { type: 'topic', kind: 'symbol', title: 'Big', url: '/big' };
      Object.defineProperty(reference, 'abstract', {
        enumerable: true,
        get: () => {
          abstractReads += 1;
          return [{ type: 'text', text: 'An abstract.' }];
        },
      });
      const ctx = { ...testContext({ 'doc://x/Big': reference }), topicItems: new Map<string, string>() };
      const items = Array.from({ length: 500 }, () => topicListItem('doc://x/Big', ctx));
      expect(abstractReads).to.equal(1);
      expect(new Set(items)).to.deep.equal(new Set(['- [`Big`](/big): An abstract.']));
    });

    it('stops with output-too-large naming the cap and MAX_OUTPUT_BYTES, before the page is built', async () => {
      const { sink, error } = await convert(repeatedReference(3000, 10 * KIB), MIB);
      expectOutputTooLarge(error, '1 MiB');
      expect(sink.files.size).to.equal(0);
    });

    it('still writes every repetition when the cap allows it', async () => {
      const { sink, error } = await convert(repeatedReference(200, KIB), 16 * MIB);
      expect(error).to.equal(undefined);
      const page = sink.files.get('markdown/documentation/hostile/index.md') ?? '';
      expect(page.split('\n').filter((line) => line.startsWith('- [`Big`]'))).to.have.length(200);
    });
  });

  describe('when one page holds a huge string', () => {
    it('stops with output-too-large once the written page passes the cap', async () => {
      const { error } = await convert(hugeString(2 * MIB), MIB);
      expectOutputTooLarge(error, '1 MiB');
    });

    it('skips a page over the page size limit with a warning, without parsing it', async () => {
      const sink = new MemorySink();
      const files = { ...hugeString(2 * MIB), 'data/documentation/small.json': 'not json at all' };
      const result = await convertRich(new MemoryReader(files), sink, { ...OPTIONS, maxPageBytes: MIB });
      expect(result.errors.map((error) => error.reason)).to.deep.equal(['too-large', 'invalid-json']);
      expect(result.warnings[0]).to.match(
        /^Skipped data\/documentation\/hostile\.json: its 2\.0 MiB of JSON exceed the 1\.0 MiB a page may have\.$/,
      );
    });
  });

  describe('when one page lists very many references', () => {
    it('stops with output-too-large while the list is rendered', async () => {
      const { sink, error } = await convert(manyReferences(50_000), MIB);
      expectOutputTooLarge(error, '1 MiB');
      expect(sink.files.size).to.equal(0);
    });

    it('converts it when the cap allows it', async () => {
      const { sink, error } = await convert(manyReferences(2_000), 64 * MIB);
      expect(error).to.equal(undefined);
      expect([...sink.files.values()].join('\n')).to.contain('Item number 1999.');
    });
  });
});
