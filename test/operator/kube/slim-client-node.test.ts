import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/paths.ts';

const CLIENT_NODE_DIST = path.dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node'));
const url = (file: string): string => pathToFileURL(path.join(REPO_ROOT, file)).href;

/** Where the operator runs from: its sources (tests) or the build output (the CLI, the image). */
interface OperatorCode {
  name: string;
  module(stem: string): string;
}

const CODE: OperatorCode[] = [
  { name: 'sources', module: (stem) => url(`operator/${stem}.ts`) },
  { name: 'dist/ (make build)', module: (stem) => url(`dist/operator/${stem}.js`) },
];

/** Loads the operator's modules in a fresh process with the hook, as main.ts does; returns the client-node modules it resolved. */
async function clientNodeModulesLoadedByOperator(code: OperatorCode): Promise<string[]> {
  const script = `
    import { registerHooks } from 'node:module';
    (await import(${JSON.stringify(code.module('kube/slim-client-node'))})).slimClientNode();
    const resolved = [];
    registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); resolved.push(result.url); return result; } });
    await import(${JSON.stringify(code.module('runtime'))});
    const { loadKubeConfig } = await import(${JSON.stringify(code.module('kube/client'))});
    if (!loadKubeConfig) throw new Error('client.ts did not load');
    console.log(JSON.stringify(resolved.filter((u) => u.includes('client-node'))));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as string[];
}

describe('slimClientNode', () => {
  it("gives client-node's KubeConfig every name it imports from the generated index", async () => {
    const source = await readFile(path.join(CLIENT_NODE_DIST, 'config.js'), 'utf8');
    const imported = /import\s*\{([^}]*)\}\s*from\s*'\.\/gen\/index\.js'/.exec(source)?.[1];
    expect(imported, "config.js's import from ./gen/index.js").to.be.a('string');
    const names = imported!
      .split(',')
      .map((name) => name.trim().split(/\s+as\s+/)[0])
      .filter(Boolean);
    const slim = (await import('../../../operator/kube/client-node-gen.ts')) as Record<string, unknown>;
    for (const name of names) expect(slim[name], name).to.be.a('function');
  });

  for (const code of CODE) {
    describe(`when the operator's modules load with it from ${code.name}, as main.ts loads them`, function () {
      this.timeout(60_000);
      let loaded: string[];
      before(async () => {
        loaded = await clientNodeModulesLoadedByOperator(code);
      });

      it('loads client-node (KubeConfig, Watch, ListWatch) with the slim stand-in for the generated index', () => {
        expect(loaded.some((u) => u.endsWith('/client-node/dist/config.js'))).to.equal(true);
        expect(loaded.some((u) => u.endsWith('/client-node/dist/cache.js'))).to.equal(true);
        expect(loaded).to.include(code.module('kube/client-node-gen'));
      });

      it('loads neither the index nor any generated API class', () => {
        const heavy = loaded.filter((u) =>
          /client-node\/dist\/(index|api|gen\/index)\.js$|\/dist\/gen\/types\/|\/dist\/gen\/apis\/\w+Api\.js$/.test(u),
        );
        expect(heavy).to.deep.equal([]);
      });
    });
  }
});
