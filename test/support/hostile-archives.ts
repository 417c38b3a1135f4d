// Hostile DocC archives built in code (tests and bench/hostile.ts): small inputs that make a
// naive renderer build gigabytes. Each is a map of archive path → file content, sized by its
// arguments so a unit test can keep the shape at a fraction of the attack's scale.
const MODULE = 'doc://Hostile/documentation/Hostile';

const text = (value: string): { type: string; text: string } => ({ type: 'text', text: value });

function modulePage(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: 'symbol',
    identifier: { url: MODULE, interfaceLanguage: 'swift' },
    metadata: { title: 'Hostile', symbolKind: 'module', role: 'collection', roleHeading: 'Framework', modules: [{ name: 'Hostile' }] },
    abstract: [text('A hostile archive.')],
    references: {},
    ...extra,
  };
}

export type HostileArchive = Record<string, string>;

const archiveOf = (page: Record<string, unknown>): HostileArchive => ({ 'data/documentation/hostile.json': JSON.stringify(page) });

/** One reference with an `abstractBytes` abstract listed `repeats` times in a topic section. */
export function repeatedReference(repeats: number, abstractBytes: number): HostileArchive {
  const big = `${MODULE}/Big`;
  return archiveOf(
    modulePage({
      topicSections: [{ title: 'Again and again', identifiers: Array.from({ length: repeats }, () => big) }],
      references: {
        [big]: {
          type: 'topic',
          kind: 'symbol',
          title: 'Big',
          url: '/documentation/hostile/big',
          abstract: [text('a'.repeat(abstractBytes))],
        },
      },
    }),
  );
}

/** `bytes` letters from a seeded generator: text that, unlike one letter repeated, barely compresses. */
function noise(bytes: number): string {
  const letters = Buffer.alloc(bytes);
  let state = 12345;
  for (let index = 0; index < bytes; index += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    letters[index] = 97 + ((state >>> 16) % 26);
  }
  return letters.toString('latin1');
}

/** One page whose abstract is a single `bytes`-long JSON string. */
export function hugeString(bytes: number): HostileArchive {
  return archiveOf(modulePage({ abstract: [text(noise(bytes))] }));
}

/** One page listing `count` distinct references, each with a short abstract. */
export function manyReferences(count: number): HostileArchive {
  const identifiers = Array.from({ length: count }, (_, index) => `${MODULE}/Item${index}`);
  const references = Object.fromEntries(
    identifiers.map((identifier, index) => [
      identifier,
      {
        type: 'topic',
        kind: 'symbol',
        title: `Item${index}`,
        url: `/documentation/hostile/item${index}`,
        abstract: [text(`Item number ${index}.`)],
      },
    ]),
  );
  return archiveOf(modulePage({ topicSections: [{ title: 'Everything', identifiers }], references }));
}

/** A page nested `depth` asides deep (overflows a recursive renderer's stack) linked from the module page. */
export function deeplyNested(depth: number): HostileArchive {
  const deep = `${MODULE}/Deep`;
  const open = '{"type":"aside","style":"note","content":['.repeat(depth);
  const close = ']}'.repeat(depth);
  const deepPage =
    `{"kind":"article","identifier":{"url":"${deep}","interfaceLanguage":"swift"},` +
    `"metadata":{"title":"Deep","role":"article","modules":[{"name":"Hostile"}]},"references":{},` +
    `"primaryContentSections":[{"kind":"content","content":[${open}{"type":"paragraph","inlineContent":[]}${close}]}]}`;
  return {
    ...archiveOf(
      modulePage({
        topicSections: [{ title: 'Deep', identifiers: [deep] }],
        references: { [deep]: { type: 'topic', kind: 'article', title: 'Deep', url: '/documentation/hostile/deep' } },
      }),
    ),
    'data/documentation/hostile/deep.json': deepPage,
  };
}
