// Writes files under a staging root with a bounded number of writes in flight: on real disks
// (and VMs, where every syscall is slow) overlapping open/write/close calls is several times
// faster than doing them one by one, while memory stays bounded by MAX_IN_FLIGHT pages.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../api.ts';
import { messages, osErrorText } from '../messages.ts';
import type { OutputStats } from './output-sink.ts';

const MAX_IN_FLIGHT = 32;

export class TreeWriter {
  readonly root: string;
  private readonly shownRoot: string;
  private readonly sizes = new Map<string, number>();
  private readonly directories = new Map<string, Promise<void>>([['', Promise.resolve()]]);
  /** Last pending write per path, so a later write to the same path lands last. */
  private readonly pendingByPath = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: EngineError | undefined;

  constructor(root: string, shownRoot: string) {
    this.root = root;
    this.shownRoot = shownRoot;
  }

  async writeFile(relativePath: string, content: string): Promise<void> {
    this.throwIfFailed();
    const data = Buffer.from(content, 'utf8');
    this.sizes.set(relativePath, data.length);
    const before = this.pendingByPath.get(relativePath) ?? this.ensureDirectory(parentOf(relativePath));
    const task = before.then(() => this.write(relativePath, data));
    this.pendingByPath.set(relativePath, task);
    this.track(task, () => {
      if (this.pendingByPath.get(relativePath) === task) this.pendingByPath.delete(relativePath);
    });
    if (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
  }

  /** Creates `relativePath` (and parents) once; later calls share the same promise. */
  ensureDirectory(relativePath: string): Promise<void> {
    let made = this.directories.get(relativePath);
    if (!made) {
      made = fsp.mkdir(path.join(this.root, relativePath), { recursive: true }).then(
        () => undefined,
        (error: unknown) => {
          throw new EngineError(messages.outputCreateFailed(path.join(this.shownRoot, relativePath), osErrorText(error)), { cause: error });
        },
      );
      this.directories.set(relativePath, made);
    }
    return made;
  }

  /** Waits for every write; throws the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** Waits for every write and forgets failures (the output is being thrown away). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled(this.inFlight);
  }

  stats(): OutputStats {
    let bytes = 0;
    for (const size of this.sizes.values()) bytes += size;
    return { files: this.sizes.size, bytes };
  }

  private async write(relativePath: string, data: Buffer): Promise<void> {
    try {
      await fsp.writeFile(path.join(this.root, relativePath), data);
    } catch (error) {
      throw new EngineError(messages.writeFailed(path.join(this.shownRoot, relativePath), osErrorText(error)), { cause: error });
    }
  }

  private track(task: Promise<void>, done: () => void): void {
    const tracked: Promise<void> = task
      .catch((error: unknown) => {
        this.failure ??= error instanceof EngineError ? error : new EngineError(osErrorText(error), { cause: error });
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        done();
      });
    this.inFlight.add(tracked);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

function parentOf(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash < 0 ? '' : relativePath.slice(0, slash);
}
