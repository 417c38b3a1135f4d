import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../support/paths.ts';
import { makeTempDir } from '../support/tmp.ts';
import { LAYERS, layerOf, layerViolations, relativeImports, violationOf, type LayerTable } from './layers.ts';

const PRODUCT_FOLDERS = ['common', 'converter', 'operator'];

describe('import layers', () => {
  describe('the product code', () => {
    it('imports only downwards through the layer table: no converter file imports a higher layer, no circle', () => {
      expect(layerViolations(REPO_ROOT, PRODUCT_FOLDERS)).to.deep.equal([]);
    });

    it('places every source file in a layer', () => {
      const files = PRODUCT_FOLDERS.flatMap((folder) =>
        fs.readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' }).map((f) => `${folder}/${f}`),
      );
      const unplaced = files.filter((file) => file.endsWith('.ts') && layerOf(LAYERS, file.split(path.sep).join('/')) === undefined);
      expect(unplaced).to.deep.equal([]);
    });
  });

  describe('the checker', () => {
    const edge = (from: string, to: string) => ({ from, to, specifier: path.posix.relative(path.posix.dirname(from), to) });

    it('accepts an import of a lower layer and one inside the same layer', () => {
      expect(violationOf(LAYERS, edge('converter/server/app.ts', 'converter/conversion/pipeline.ts'))).to.equal(undefined);
      expect(violationOf(LAYERS, edge('converter/engine/rich/page.ts', 'converter/engine/api.ts'))).to.equal(undefined);
      expect(violationOf(LAYERS, edge('operator/start.ts', 'common/logger.ts'))).to.equal(undefined);
    });

    it('names the file, the specifier and both layers of an upward import', () => {
      const violation = violationOf(LAYERS, edge('converter/conversion/pipeline.ts', 'converter/server/deps.ts'));
      expect(violation).to.equal(
        "converter/conversion/pipeline.ts imports '../server/deps.ts' (converter/server/deps.ts): conversion (layer 7) imports server (layer 10), which is above it",
      );
    });

    it('refuses the engine importing the runner, and archive importing the engine', () => {
      expect(violationOf(LAYERS, edge('converter/engine/io/zip-reader.ts', 'converter/runner/types.ts'))).to.contain(
        'engine (layer 3) imports runner (layer 4)',
      );
      expect(violationOf(LAYERS, edge('converter/archive/locate.ts', 'converter/engine/api.ts'))).to.contain(
        'archive (layer 2) imports engine (layer 3)',
      );
    });

    it('refuses imports between siblings: the job API and the HTTP app, or two services of one rank', () => {
      expect(violationOf(LAYERS, edge('converter/jobs/service.ts', 'converter/server/deps.ts'))).to.contain('jobs never imports server');
      expect(violationOf(LAYERS, edge('converter/server/app.ts', 'converter/jobs/routes.ts'))).to.contain('server never imports jobs');
      expect(violationOf(LAYERS, edge('converter/store/index.ts', 'converter/fetch/download.ts'))).to.contain('siblings');
    });

    it('keeps the operator in its layers: the wire client below Kubernetes I/O, controllers below the runtime', () => {
      expect(violationOf(LAYERS, edge('operator/dispatch/client.ts', 'operator/kube/rest.ts'))).to.contain(
        'dispatch (layer 2) imports kube (layer 3)',
      );
      expect(violationOf(LAYERS, edge('operator/controllers/pool/controller.ts', 'operator/runtime.ts'))).to.contain(
        'controllers (layer 5) imports operator runtime (layer 6)',
      );
      expect(violationOf(LAYERS, edge('operator/pool/deployment.ts', 'operator/kube/client.ts'))).to.contain('siblings');
      expect(violationOf(LAYERS, edge('operator/kube/configmaps.ts', 'operator/dispatch/errors.ts'))).to.equal(undefined);
    });

    it('keeps converter and operator apart, and common below both', () => {
      expect(violationOf(LAYERS, edge('operator/dispatch/client.ts', 'converter/errors.ts'))).to.contain(
        'operator and converter share only common/',
      );
      expect(violationOf(LAYERS, edge('converter/jobs/service.ts', 'operator/api/constants.ts'))).to.contain(
        'converter and operator share only common/',
      );
      expect(violationOf(LAYERS, edge('common/logger.ts', 'converter/clock.ts'))).to.contain('common/ imports nothing from converter');
    });

    it('asks for a table entry for a file in no layer', () => {
      expect(violationOf(LAYERS, edge('converter/newfolder/x.ts', 'converter/errors.ts'))).to.contain(
        'converter/newfolder/x.ts is in no layer',
      );
    });

    it('finds a bad edge in real files: static, type-only, re-exported and dynamic imports alike', () => {
      const dir = makeTempDir('layers');
      const root = dir.path;
      const write = (file: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write(
        'low/a.ts',
        "import type { B } from '../high/b.ts';\nexport { C } from '../high/c.ts';\nexport const d = () => import('../high/d.ts');\n",
      );
      write('high/b.ts', "import { a } from '../low/a.ts';\n");
      const table: LayerTable = {
        layers: [
          { name: 'low', paths: ['low/'], rank: 0, side: 'converter' },
          { name: 'high', paths: ['high/'], rank: 1, side: 'converter' },
        ],
        forbidden: [],
      };
      expect(relativeImports(root, 'low/a.ts').map((e) => e.to)).to.deep.equal(['high/b.ts', 'high/c.ts', 'high/d.ts']);
      const violations = layerViolations(root, ['low', 'high'], table);
      expect(violations).to.have.length(3);
      expect(violations[0]).to.equal(
        "low/a.ts imports '../high/b.ts' (high/b.ts): low (layer 0) imports high (layer 1), which is above it",
      );
      dir.remove();
    });
  });
});
