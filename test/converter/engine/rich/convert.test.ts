import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';
import { convertRich } from '../../../../converter/engine/rich/convert.ts';
import type { RichOptions } from '../../../../converter/engine/rich/convert.ts';
import { MemoryReader } from './support/memory-reader.ts';
import { MemorySink } from './support/memory-sink.ts';

const text = (value: string) => ({ type: 'text', text: value });
const ref = (identifier: string) => ({ type: 'reference', identifier, isActive: true });

const MODULE = 'doc://Kit/documentation/Kit';
const THING = 'doc://Kit/documentation/Kit/Thing';
const GUIDE = 'doc://Kit/documentation/Kit/Guide';
const OTHER = 'doc://Other/documentation/Other';

const references = {
  [MODULE]: { type: 'topic', kind: 'symbol', title: 'Kit', url: '/documentation/kit' },
  [THING]: { type: 'topic', kind: 'symbol', title: 'Thing', url: '/documentation/kit/thing', abstract: [text('A thing.')] },
  [GUIDE]: { type: 'topic', kind: 'article', title: 'Guide', url: '/documentation/kit/guide' },
  'doc://Kit/documentation/Kit/Gone': { type: 'topic', kind: 'symbol', title: 'Gone', url: '/documentation/kit/gone' },
};

function archive(): MemoryReader {
  return new MemoryReader({
    'data/documentation/kit.json': {
      kind: 'symbol',
      identifier: { url: MODULE, interfaceLanguage: 'swift' },
      metadata: { title: 'Kit', symbolKind: 'module', role: 'collection', roleHeading: 'Framework', modules: [{ name: 'Kit' }] },
      abstract: [text('Tools for things.')],
      topicSections: [{ title: 'Essentials', identifiers: [GUIDE, THING] }],
      references,
    },
    'data/documentation/kit/thing.json': {
      kind: 'symbol',
      identifier: { url: THING, interfaceLanguage: 'swift' },
      metadata: { title: 'Thing', symbolKind: 'struct', role: 'symbol', roleHeading: 'Structure', modules: [{ name: 'Kit' }] },
      abstract: [text('A thing.')],
      primaryContentSections: [
        {
          kind: 'content',
          content: [
            {
              type: 'paragraph',
              inlineContent: [text('See '), ref(GUIDE), text(' and '), ref('doc://Kit/documentation/Kit/Gone'), text('.')],
            },
            { type: 'hologram', text: 'Shimmering words.' },
          ],
        },
      ],
      references,
    },
    'data/documentation/kit/guide.json': {
      kind: 'article',
      identifier: { url: GUIDE, interfaceLanguage: 'swift' },
      metadata: { title: 'Guide', role: 'article', roleHeading: 'Article', modules: [{ name: 'Kit' }] },
      abstract: [text('How to use '), ref(THING), text('.')],
      references,
    },
    'data/documentation/other.json': {
      kind: 'symbol',
      identifier: { url: OTHER, interfaceLanguage: 'swift' },
      metadata: { title: 'Other', symbolKind: 'module', modules: [{ name: 'Other' }] },
    },
    'data/documentation/broken.json': '{"kind": "symbol",',
  });
}

async function run(options: Partial<RichOptions> = {}) {
  const sink = new MemorySink();
  const result = await convertRich(archive(), sink, { symbolLayout: 'tree', technologies: [], frontMatter: false, ...options });
  return { result, sink };
}

describe('convertRich', () => {
  describe('when pages link to each other', () => {
    it('links written pages relatively and keeps the DocC path of missing ones', async () => {
      const { sink } = await run();
      const thing = sink.files.get('markdown/documentation/kit/thing/index.md');
      expect(thing).to.include('See [Guide](../guide/index.md) and [`Gone`](/documentation/kit/gone).');
      expect(sink.files.get('markdown/documentation/kit/guide/index.md')).to.include('How to use [`Thing`](../thing/index.md).');
      expect(sink.files.get('markdown/documentation/kit/index.md')).to.include('- [`Thing`](thing/index.md): A thing.');
    });

    it('writes the link graph with edges and unresolved references', async () => {
      const { sink } = await run();
      const graph = JSON.parse(sink.files.get('linkgraph/adjacency.json') ?? '{}');
      expect(graph.adjacency[MODULE]).to.deep.equal([GUIDE, THING]);
      expect(graph.allPageIdentifiers).to.deep.equal([MODULE, GUIDE, THING, OTHER]);
      expect(graph.unresolvedReferences).to.deep.equal(['doc://Kit/documentation/Kit/Gone']);
    });
  });

  describe('when a page is invalid JSON or has unknown node types', () => {
    it('reports the bad page and the unknown types while the rest converts', async () => {
      const { result, sink } = await run();
      expect(result.errors.map((error) => [error.source, error.reason])).to.deep.equal([
        ['data/documentation/broken.json', 'invalid-json'],
      ]);
      expect(result.written).to.have.length(4);
      expect(sink.files.get('markdown/documentation/kit/thing/index.md')).to.include('Shimmering words.');
      expect(result.warnings).to.have.length(2);
      expect(result.warnings[0]).to.match(/^Skipped data\/documentation\/broken\.json: it is not valid JSON/);
      expect(result.warnings[1]).to.equal('Rendered 1 node(s) of unknown type as plain text: block:hologram ×1.');
    });
  });

  describe('when --technology is given', () => {
    it('writes only the pages of that technology, case-insensitively', async () => {
      const { result, sink } = await run({ technologies: ['  other '] });
      expect(result.written.map((page) => page.identifier)).to.deep.equal([OTHER]);
      expect([...sink.files.keys()].filter((name) => name.startsWith('markdown/'))).to.deep.equal([
        'markdown/documentation/other/index.md',
      ]);
      expect(result.counts.symbols).to.equal(1);
    });
  });

  describe('when writing the index files', () => {
    it('opens each module in index.md with its overview and topics, with titles and links in abstracts', async () => {
      const { sink } = await run();
      const index = sink.files.get('index.md') ?? '';
      expect(index).to.include(
        '## Kit\n\n- [Kit](markdown/documentation/kit/index.md): Tools for things.\n\n### Essentials\n\n' +
          '- [Guide](markdown/documentation/kit/guide/index.md): How to use [`Thing`](markdown/documentation/kit/thing/index.md).\n' +
          '- [Thing](markdown/documentation/kit/thing/index.md): A thing.\n',
      );
      expect(index).to.not.match(/\]\(d2c-page:|\/documentation\/Kit/);
    });

    it('keeps llms.txt a curated map (llms.txt convention) and writes every page to llms-full.txt', async () => {
      const { sink } = await run();
      const llms = sink.files.get('llms.txt') ?? '';
      expect(
        llms.startsWith('# Documentation\n\n> Documentation for Kit, Other.\n\n## Kit\n\n- [Kit](markdown/documentation/kit/index.md)'),
      ).to.equal(true);
      expect(llms).to.match(/\n## Optional\n\n- \[Index\]\(index\.md\): all 4 pages.*\n- \[Full text\]\(llms-full\.txt\)/);
      const full = sink.files.get('llms-full.txt') ?? '';
      for (const page of ['kit/index.md', 'kit/guide/index.md', 'kit/thing/index.md', 'other/index.md']) {
        const markdown = sink.files.get(`markdown/documentation/${page}`) ?? '';
        expect(full).to.include(`<!-- markdown/documentation/${page} -->\n\n${markdown}`);
      }
    });
  });

  describe('when front matter is requested', () => {
    it('starts each page with YAML describing it', async () => {
      const { sink } = await run({ frontMatter: true });
      const page = sink.files.get('markdown/documentation/kit/thing/index.md') ?? '';
      const match = /^---\n([\s\S]*?)---\n\n# Thing\n/.exec(page);
      expect(match, page).to.not.equal(null);
      expect(parseYaml(match?.[1] ?? '')).to.deep.equal({
        title: 'Thing',
        identifier: THING,
        kind: 'symbol',
        role: 'symbol',
        symbolKind: 'struct',
        roleHeading: 'Structure',
        module: 'Kit',
        abstract: 'A thing.',
      });
    });
  });

  describe('when the pages do not fit in the page cache', () => {
    it('reads them again in pass 2 and writes the same output', async () => {
      const cached = await run();
      const streamed = await run({ pageCacheBytes: 0 });
      expect([...streamed.sink.files]).to.deep.equal([...cached.sink.files]);
      expect(streamed.result.errors).to.deep.equal(cached.result.errors);
    });

    it('parses the kept pages again and reads the others, in output order', async () => {
      const cached = await run();
      const firstPage = (await archive().readFile('data/documentation/kit.json')).length;
      const mixed = await run({ pageCacheBytes: firstPage });
      expect([...mixed.sink.files]).to.deep.equal([...cached.sink.files]);
      expect(mixed.result.written).to.deep.equal(cached.result.written);
    });
  });

  describe('when the conversion is aborted', () => {
    it('stops with the abort reason', async () => {
      const controller = new AbortController();
      controller.abort(new Error('stop'));
      const sink = new MemorySink();
      let failure: unknown;
      try {
        await convertRich(archive(), sink, { symbolLayout: 'tree', technologies: [], frontMatter: false, signal: controller.signal });
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(Error).with.property('message', 'stop');
      expect(sink.files.size).to.equal(0);
    });
  });
});

describe('convertRich media', () => {
  const PAGE = 'doc://Kit/documentation/Kit';
  const image = (name: string) => ({
    type: 'image',
    identifier: name,
    alt: `Alt ${name}`,
    variants: [{ url: `/images/${name}`, traits: ['1x'] }],
  });
  const files = (withMedia: boolean) => ({
    'data/documentation/kit.json': {
      kind: 'symbol',
      identifier: { url: PAGE, interfaceLanguage: 'swift' },
      metadata: { title: 'Kit', symbolKind: 'module', modules: [{ name: 'Kit' }] },
      primaryContentSections: [
        {
          kind: 'content',
          content: [
            {
              type: 'paragraph',
              inlineContent: [
                { type: 'image', identifier: 'here.png' },
                { type: 'image', identifier: 'gone.png' },
              ],
            },
          ],
        },
      ],
      references: { 'here.png': image('here.png'), 'gone.png': image('gone.png') },
    },
    ...(withMedia ? { 'images/here.png': 'PNG bytes', 'images/unused.png': 'other bytes' } : {}),
  });

  describe('when the archive holds an image a page shows', () => {
    it('copies it to the same path in the output and links it relatively; a missing one keeps its titled DocC link', async () => {
      const sink = new MemorySink();
      await convertRich(new MemoryReader(files(true)), sink, { symbolLayout: 'tree', technologies: [], frontMatter: false });
      const page = sink.files.get('markdown/documentation/kit/index.md') ?? '';
      expect(page).to.include('[Image: Alt here.png](../../../images/here.png)');
      expect(page).to.include('[Image: Alt gone.png](/images/gone.png)');
      expect(Buffer.from(sink.files.get('images/here.png') ?? '').toString()).to.equal('PNG bytes');
      expect(sink.files.has('images/unused.png')).to.equal(false);
    });
  });

  describe('when the archive holds no media', () => {
    it('keeps every image a titled link to its DocC URL', async () => {
      const sink = new MemorySink();
      await convertRich(new MemoryReader(files(false)), sink, { symbolLayout: 'tree', technologies: [], frontMatter: false });
      expect(sink.files.get('markdown/documentation/kit/index.md')).to.include('[Image: Alt here.png](/images/here.png)');
      expect([...sink.files.keys()].filter((name) => name.startsWith('images/'))).to.deep.equal([]);
    });
  });
});
