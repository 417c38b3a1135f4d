// What the built image is made of: its labels, user and entry point, the Node it runs, and the
// files it carries (production dependencies only, no tests, no Swift CLI). Run by `make test-image`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../support/paths.ts';
import { IMAGE, podman, requireImage, runImage } from './support/podman.ts';

interface ImageConfig {
  User: string;
  Entrypoint: string[];
  Cmd: string[];
  Labels: Record<string, string>;
  Env: string[];
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
/** Top-level packages the lockfile needs only for development (a devDependency may also be a production one's dependency). */
const devOnly = Object.entries(lock.packages)
  .filter(([key, entry]) => entry.dev === true && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key))
  .map(([key]) => key.slice('node_modules/'.length));
const inImage = async (script: string): Promise<string> => {
  const result = await runImage(['-c', script], ['--entrypoint', '/bin/sh']);
  expect(result.code, `${script}: ${result.stderr}`).to.equal(0);
  return result.stdout.trim();
};

describe('image: metadata and contents', function () {
  this.timeout(120_000);
  let config: ImageConfig;

  before(async () => {
    await requireImage();
    const inspect = await podman(['image', 'inspect', '--format', '{{json .Config}}', IMAGE]);
    config = JSON.parse(inspect.stdout) as ImageConfig;
  });

  it('runs as the numeric user 10001:10001 under tini, converter by default', () => {
    expect(config.User).to.equal('10001:10001');
    expect(config.Entrypoint).to.deep.equal(['/usr/bin/tini', '--', '/usr/local/bin/docc2context-entrypoint']);
    expect(config.Cmd).to.deep.equal(['converter']);
    expect(config.Env).to.include.members(['NODE_ENV=production', 'WORKSPACE_BASE_PATH=/workspace']);
  });

  it('carries the OCI labels and says it ships the builtin engine only', () => {
    expect(config.Labels).to.include({
      'org.opencontainers.image.title': 'docc2context',
      'org.opencontainers.image.version': pkg.version,
      'io.docc2context.engines': 'builtin',
    });
    for (const key of ['description', 'revision', 'created', 'licenses', 'base.name']) {
      expect(config.Labels[`org.opencontainers.image.${key}`], key).to.be.a('string').and.not.be.empty;
    }
    expect(config.Labels['org.opencontainers.image.revision']).to.match(/^[0-9a-f]{40}(-dirty)?$/);
  });

  it('runs Node 22 from /usr/local/bin, with no Swift CLI on the path', async () => {
    expect(await inImage('command -v node')).to.equal('/usr/local/bin/node');
    expect(await inImage('node --version')).to.match(/^v22\./);
    expect(await inImage('command -v docc2context || echo none')).to.equal('none');
  });

  it('holds the sources and production dependencies only', async () => {
    expect((await inImage('ls -A /app')).split('\n')).to.deep.equal(['dist', 'node_modules', 'package.json']);
    const installed = (await inImage('cd /app/node_modules && ls -d * @*/*')).split('\n');
    expect(installed).to.include.members(Object.keys(pkg.dependencies));
    expect(devOnly).to.include.members(['mocha', 'typescript', 'node']);
    expect(installed.filter((name) => devOnly.includes(name))).to.deep.equal([]);
    expect(await inImage('test -e /app/node_modules/.bin/node && echo present || echo absent')).to.equal('absent');
  });
});
