// A private sibling of the output path where a conversion is assembled, then moved into place
// with rename(2). Parent directories the run had to create are removed again on abort.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../api.ts';
import { messages, osErrorText } from '../messages.ts';

export class Staging {
  readonly target: string;
  readonly stagingPath: string;
  private readonly force: boolean;
  private readonly createdParent: string | undefined;

  private constructor(target: string, force: boolean, stagingPath: string, createdParent: string | undefined) {
    this.target = target;
    this.force = force;
    this.stagingPath = stagingPath;
    this.createdParent = createdParent;
  }

  /**
   * Checks the output path like the Swift CLI (exists without --force is an error) and creates
   * the staging location: a directory, or for `asFile` only its parent.
   */
  static prepare(target: string, force: boolean, asFile: boolean): Staging {
    checkExisting(target, force, asFile);
    const parent = path.dirname(target);
    const stagingPath = path.join(parent, `.${path.basename(target)}.partial-${process.pid}-${randomSuffix()}`);
    let createdParent: string | undefined;
    try {
      createdParent = fs.mkdirSync(parent, { recursive: true });
      if (!asFile) fs.mkdirSync(stagingPath);
    } catch (error) {
      throw new EngineError(messages.outputCreateFailed(target, osErrorText(error)), { cause: error });
    }
    return new Staging(target, force, stagingPath, createdParent);
  }

  /** Moves the staged output to the target, replacing an existing one only under --force. */
  publish(): void {
    const aside = exists(this.target) ? this.moveAside() : undefined;
    try {
      fs.renameSync(this.stagingPath, this.target);
    } catch (error) {
      // Put the previous output back: a failed run must not cost the old result.
      if (aside) fs.renameSync(aside, this.target);
      throw new EngineError(messages.outputCreateFailed(this.target, osErrorText(error)), { cause: error });
    }
    if (aside) this.removeAside(aside);
  }

  discard(): void {
    fs.rmSync(this.stagingPath, { recursive: true, force: true });
    if (this.createdParent) fs.rmSync(this.createdParent, { recursive: true, force: true });
  }

  private moveAside(): string {
    if (!this.force) throw new EngineError(messages.outputExists(this.target));
    const aside = path.join(path.dirname(this.target), `.${path.basename(this.target)}.old-${process.pid}-${randomSuffix()}`);
    try {
      fs.renameSync(this.target, aside);
    } catch (error) {
      throw new EngineError(messages.outputRemoveFailed(this.target, osErrorText(error)), { cause: error });
    }
    return aside;
  }

  private removeAside(aside: string): void {
    try {
      fs.rmSync(aside, { recursive: true, force: true });
    } catch (error) {
      throw new EngineError(messages.outputRemoveFailed(this.target, osErrorText(error)), { cause: error });
    }
  }
}

/**
 * Like the Swift CLI, an existing output needs --force; unlike it, --force never replaces a file
 * with a directory or a directory with a zip (a mistyped --output must not destroy the wrong thing).
 */
function checkExisting(target: string, force: boolean, asFile: boolean): void {
  // lstat: a dangling symlink at the output path still "exists" for the overwrite check.
  const found = lstatOrUndefined(target);
  if (found === undefined) return;
  if (!force) throw new EngineError(asFile ? messages.outputFileExists(target) : messages.outputExists(target));
  if (!asFile && found.isFile()) throw new EngineError(messages.outputIsFile(target));
  if (asFile && found.isDirectory()) throw new EngineError(messages.outputIsDirectory(target));
}

function lstatOrUndefined(target: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(target);
  } catch {
    return undefined;
  }
}

function exists(target: string): boolean {
  try {
    fs.lstatSync(target);
    return true;
  } catch {
    return false;
  }
}

function randomSuffix(): string {
  return crypto.randomBytes(4).toString('hex');
}
