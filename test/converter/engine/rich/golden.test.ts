// Golden files of rich output for a chosen set of corpus pages: one per page kind and per node
// type (see golden/README.md). Each archive is converted whole, so links are the real relative
// links. Regenerate on purpose only: UPDATE_GOLDEN=1 make test-unit, then review the diff by eye.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertRich } from '../../../../converter/engine/rich/convert.ts';
import { corpusArchive } from './support/corpus.ts';
import { MemorySink } from './support/memory-sink.ts';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
// The golden switch is read here, in the test runner, like mocha's own environment flags.
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const GOLDEN_PAGES: Record<string, string[]> = {
  'argumentparser-2022': [
    'data/documentation/argumentparser/argument.json',
    'data/documentation/argumentparser/parsablecommand/run()-7p2fr.json',
    'data/documentation/argumentparser/parsablecommand/configuration-35km1.json',
    'data/documentation/argumentparser/flaginversion/equatable-implementations.json',
  ],
  'example-docc-project': [
    'data/documentation.json',
    'data/documentation/samplelibrary.json',
    'data/documentation/samplelibrary/sampleactor/assumeisolated(_:file:line:).json',
  ],
  hummingbird: [
    'data/documentation/hummingbird/migratingtov2.json',
    'data/documentation/hummingbird/gettingstarted.json',
    'data/documentation/hummingbirdbcrypt/bcrypt/hash(_:cost:).json',
    'data/tutorials/todos.json',
    'data/tutorials/hummingbird/todos-2-api.json',
  ],
  slothcreator: [
    'data/documentation/slothcreator/sloth.json',
    'data/documentation/slothcreator/sloth/init(name:color:power:).json',
    'data/documentation/slothcreator/powerpicker/mask(_:).json',
    'data/tutorials/slothcreator.json',
    'data/tutorials/slothcreator/creating-custom-sloths.json',
  ],
  'swift-docc-user-docs-2023': ['data/documentation/docc/adding-structure-to-your-documentation-pages.json'],
  'swift-docc-user-docs-2025': [
    'data/documentation/docc/adding-tables-of-data.json',
    'data/documentation/docc/titleheading.json',
    'data/documentation/docc/links.json',
    'data/documentation/docc/other-formatting-options.json',
    'data/documentation/docc/available.json',
  ],
  'fixtures/docczz-docc-archive': ['data/SimpleTutorial.json', 'data/TableIssue6.json', 'data/CustomRoleHeading.json'],
  'fixtures/swift-docc-render': ['data/tutorial.json'],
  'fixtures/swift-docc-tests': [
    'data/Rendering/Rendering Fixtures/custom-render-elements.json',
    'data/Rendering/Rendering Fixtures/deprecated-symbol.json',
    'data/Rendering/Rendering Fixtures/dictionary-symbol.json',
    'data/Rendering/Rendering Fixtures/external-location-custom-url.json',
    'data/Rendering/Rendering Fixtures/platform-availability.json',
    'data/Rendering/Rendering Fixtures/rest-object.json',
    'data/Rendering/Rendering Fixtures/rest-symbol.json',
    'data/Rendering/Rendering Fixtures/sample-download-symbol.json',
    'data/Rendering/Rendering Fixtures/sample-download-unavailable-symbol.json',
    'data/Rendering/Rendering Fixtures/subscript-superscript-elements.json',
    'data/Rendering/Rendering Fixtures/tables.json',
    'data/Rendering/Rendering Fixtures/term-lists-1.json',
    'data/Rendering/Rendering Fixtures/term-lists-2.json',
    'data/Rendering/Rendering Fixtures/variants.json',
    'data/Test Resources/Variant-render-node.json',
    'data/Test Resources/link-button-render-node.json',
    'data/Converter/Converter Fixtures/symbol-auto-see-also-fragments-and-relationships.json',
  ],
};

/** `fixtures/swift-docc-tests` + `data/Rendering/Rendering Fixtures/tables.json` → a plain file name. */
function goldenPath(archive: string, source: string): string {
  const name = source
    .replace(/^data\//, '')
    .replace(/\.json$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join(GOLDEN_DIR, archive.replace(/^fixtures\//, 'fixtures-'), `${name}.md`);
}

describe('rich profile goldens', () => {
  for (const [archiveName, sources] of Object.entries(GOLDEN_PAGES)) {
    describe(`when converting ${archiveName}`, () => {
      let written: Map<string, string>;

      before(async () => {
        const sink = new MemorySink();
        const reader = corpusArchive(archiveName).open();
        const result = await convertRich(reader, sink, { symbolLayout: 'tree', technologies: [], frontMatter: false });
        written = new Map(result.written.map((page) => [page.source, sink.files.get(page.path) ?? '']));
      });

      for (const source of sources) {
        it(`renders ${source} as its golden file`, () => {
          const actual = written.get(source);
          expect(actual, `${source} was not written`).to.be.a('string');
          const file = goldenPath(archiveName, source);
          if (UPDATE) {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, actual as string);
          }
          expect(actual).to.equal(fs.readFileSync(file, 'utf8'));
        });
      }
    });
  }
});
