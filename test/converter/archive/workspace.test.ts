import { expect } from 'chai';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createWorkspaceManager } from '../../../converter/archive/workspace.ts';
import { tempDir } from './zip-builder.ts';

const HOUR = 60 * 60 * 1000;

describe('createWorkspaceManager', () => {
  let base: string;
  beforeEach(async () => {
    base = await tempDir('workspaces');
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  describe('when a workspace is created', () => {
    it('makes a private directory named with the prefix, unique per call', async () => {
      const manager = createWorkspaceManager({ baseDir: base, prefix: 'd2c-pod-a' });
      const [one, two] = await Promise.all([manager.create(), manager.create()]);
      expect(one.dir).not.to.equal(two.dir);
      expect(path.basename(one.dir)).to.match(/^d2c-pod-a-[0-9a-f-]{36}$/);
      expect((await stat(one.dir)).mode & 0o777).to.equal(0o700);
      expect(manager.active()).to.equal(2);
      await Promise.all([one.dispose(), two.dispose()]);
    });
  });

  describe('when the base directory is removed between requests', () => {
    it('makes it again for the next workspace', async () => {
      const nested = path.join(base, 'nested', 'workspaces');
      const manager = createWorkspaceManager({ baseDir: nested, prefix: 'd2c' });
      await (await manager.create()).dispose();
      await rm(path.join(base, 'nested'), { recursive: true, force: true });
      const again = await manager.create();
      expect((await stat(again.dir)).isDirectory()).to.equal(true);
      await again.dispose();
    });
  });

  describe('when a workspace is disposed twice', () => {
    it('removes everything once and does not fail the second time', async () => {
      const manager = createWorkspaceManager({ baseDir: base, prefix: 'p' });
      const workspace = await manager.create();
      await writeFile(path.join(workspace.dir, 'upload.zip'), 'x');
      await Promise.all([workspace.dispose(), workspace.dispose()]);
      await workspace.dispose();
      expect(await readdir(base)).to.deep.equal([]);
      expect(manager.active()).to.equal(0);
    });
  });

  describe('when leftovers are removed at start-up', () => {
    it('removes only our own old workspaces', async () => {
      const now = Date.now();
      const manager = createWorkspaceManager({ baseDir: base, prefix: 'pod-a', now: () => now });
      const uuid = '0b0e5e5e-1111-4222-8333-444455556666';
      const old = [`pod-a-${uuid}`];
      const kept = [`pod-ab-${uuid}`, `pod-b-${uuid}`, 'pod-a-not-a-uuid', `other-${uuid}`];
      for (const name of [...old, ...kept]) {
        await mkdir(path.join(base, name));
        await utimes(path.join(base, name), (now - 2 * HOUR) / 1000, (now - 2 * HOUR) / 1000);
      }
      const fresh = `pod-a-${uuid.replace('1111', '2222')}`;
      await mkdir(path.join(base, fresh));
      const live = await manager.create();
      await utimes(live.dir, (now - 2 * HOUR) / 1000, (now - 2 * HOUR) / 1000);

      expect(await manager.removeLeftovers(HOUR)).to.equal(1);
      const left = await readdir(base);
      expect(left.sort()).to.deep.equal([...kept, fresh, path.basename(live.dir)].sort());
      await live.dispose();
    });

    it('returns 0 when the base directory does not exist yet', async () => {
      const manager = createWorkspaceManager({ baseDir: path.join(base, 'missing'), prefix: 'p' });
      expect(await manager.removeLeftovers(HOUR)).to.equal(0);
    });
  });

  describe('when the prefix could escape the base directory', () => {
    it('refuses it', () => {
      expect(() => createWorkspaceManager({ baseDir: base, prefix: '../x' })).to.throw('Invalid workspace prefix');
    });
  });
});
