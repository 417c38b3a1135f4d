// Real pages with values of the wrong type put in random places (a seeded generator, so every
// run is the same): the renderer must never throw, whatever the JSON looks like.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { renderPageBody } from '../../../../converter/engine/rich/page.ts';
import type { JsonObject } from '../../../../converter/engine/rich/types.ts';
import { CORPUS } from '../../../support/paths.ts';
import { testContext } from './support/context.ts';

const PAGES = [
  'slothcreator/data/documentation/slothcreator/sloth.json',
  'slothcreator/data/tutorials/slothcreator/creating-custom-sloths.json',
  'slothcreator/data/tutorials/slothcreator.json',
  'swift-docc-user-docs-2025/data/documentation/docc/adding-tables-of-data.json',
  'swift-docc-user-docs-2025/data/documentation/docc/other-formatting-options.json',
  'hummingbird/data/documentation/hummingbird/migratingtov2.json',
  'fixtures/swift-docc-render/tutorial.json',
  'fixtures/swift-docc-tests/Rendering/Rendering Fixtures/rest-symbol.json',
  'fixtures/swift-docc-tests/Rendering/Rendering Fixtures/rest-object.json',
  'fixtures/swift-docc-tests/Test Resources/Variant-render-node.json',
];

const ODD_VALUES: unknown[] = [null, 42, -3.5, true, 'text', [], {}, [1, 'two', null], { type: 'zzz' }, { kind: 'mystery', content: 7 }];

/** Mulberry32: small, seeded, deterministic. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(value: unknown, into: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((child, index) => (into.push({ parent: value, key: index }), slots(child, into)));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      into.push({ parent: value as Record<string, unknown>, key });
      slots(child, into);
    }
  }
  return into;
}

describe('rich page renderer robustness', () => {
  for (const page of PAGES) {
    describe(`when ${path.basename(page)} holds values of the wrong type`, () => {
      it('renders every mutated copy without throwing', () => {
        const original = JSON.parse(fs.readFileSync(path.join(CORPUS, page), 'utf8')) as JsonObject;
        const next = random(page.length);
        for (let round = 0; round < 40; round += 1) {
          const copy = structuredClone(original);
          const places = slots(copy);
          for (let change = 0; change < 5; change += 1) {
            const slot = places[Math.floor(next() * places.length)] as Slot;
            const odd = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
            (slot.parent as Record<string | number, unknown>)[slot.key] = structuredClone(odd);
          }
          const references =
            typeof copy.references === 'object' && copy.references !== null && !Array.isArray(copy.references) ? copy.references : {};
          expect(() => renderPageBody(copy, testContext(references as JsonObject))).to.not.throw();
        }
      });
    });
  }
});
