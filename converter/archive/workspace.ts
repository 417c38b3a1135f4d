// Per-request workspaces: a private directory named `<prefix>-<uuid>` under the base directory,
// removed by dispose(); leftovers of a crashed pod are removed at start-up, but only those with
// our own prefix and older than a given age, never a blind wipe of a shared volume.
import { randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Workspace } from './types.ts';

export interface WorkspaceManagerOptions {
  baseDir: string;
  /** The pod's own prefix, e.g. "d2c-<pod name>": letters, digits, '.', '_' and '-'. */
  prefix: string;
  /** Clock in milliseconds (injected for tests). */
  now?: () => number;
}

export interface WorkspaceManager {
  create(): Promise<Workspace>;
  /** Removes `<prefix>-<uuid>` directories older than `olderThanMs`; returns how many. */
  removeLeftovers(olderThanMs: number): Promise<number>;
  /** Workspaces created and not yet disposed. */
  active(): number;
}

const PREFIX = /^[A-Za-z0-9._-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Default age after which a workspace of ours is a leftover: well past the longest request. */
export const DEFAULT_LEFTOVER_AGE_MS = 15 * 60 * 1000;

export function createWorkspaceManager(options: WorkspaceManagerOptions): WorkspaceManager {
  if (!PREFIX.test(options.prefix)) throw new Error(`Invalid workspace prefix ${JSON.stringify(options.prefix)}`);
  const baseDir = path.resolve(options.baseDir);
  const now = options.now ?? Date.now;
  const live = new Set<string>();
  const ownName = (name: string): boolean => name.startsWith(`${options.prefix}-`) && UUID.test(name.slice(options.prefix.length + 1));

  let baseMade: Promise<unknown> | undefined;
  /** Makes the workspace directory, and the base once (again only if it has disappeared since). */
  async function makeDirectory(dir: string): Promise<void> {
    await (baseMade ??= mkdir(baseDir, { recursive: true }));
    try {
      await mkdir(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      baseMade = mkdir(baseDir, { recursive: true });
      await baseMade;
      await mkdir(dir, { mode: 0o700 });
    }
  }

  async function create(): Promise<Workspace> {
    const dir = path.join(baseDir, `${options.prefix}-${randomUUID()}`);
    await makeDirectory(dir);
    await chmod(dir, 0o700); // the umask may have narrowed it; make it exact
    live.add(dir);
    let disposal: Promise<void> | undefined;
    return {
      dir,
      dispose: () => {
        disposal ??= rm(dir, { recursive: true, force: true }).then(() => {
          live.delete(dir);
        });
        return disposal;
      },
    };
  }

  async function removeIfStale(dir: string, cutoff: number): Promise<boolean> {
    const info = await lstat(dir).catch(() => undefined);
    if (!info?.isDirectory() || info.mtimeMs >= cutoff || live.has(dir)) return false;
    await rm(dir, { recursive: true, force: true });
    return true;
  }

  async function removeLeftovers(olderThanMs: number): Promise<number> {
    const names = await readdir(baseDir).catch(() => [] as string[]);
    const cutoff = now() - olderThanMs;
    const removed = await Promise.all(names.filter(ownName).map((name) => removeIfStale(path.join(baseDir, name), cutoff)));
    return removed.filter(Boolean).length;
  }

  return { create, removeLeftovers, active: () => live.size };
}
