// Remembers the paths an archive has declared so far, to refuse duplicates and file/directory
// clashes (`a` as a file and `a/b` inside it) before anything is written.
import { AppError } from '../errors.ts';
import { quoteName } from './entry-rules.ts';
import type { ArchiveTree } from './locate.ts';

export class EntryRegistry {
  private readonly files = new Set<string>();
  /** Directories declared explicitly or implied by a deeper path. */
  private readonly directories = new Set<string>();
  private readonly explicitDirectories = new Set<string>();

  addFile(segments: readonly string[]): void {
    const key = segments.join('/');
    if (this.files.has(key) || this.directories.has(key)) throw duplicate(key);
    this.addAncestors(segments);
    this.files.add(key);
  }

  addDirectory(segments: readonly string[]): void {
    const key = segments.join('/');
    if (this.files.has(key) || this.explicitDirectories.has(key)) throw duplicate(key);
    this.addAncestors(segments);
    this.explicitDirectories.add(key);
    this.directories.add(key);
  }

  /** Every path declared so far, for locating the DocC archive without extracting anything. */
  tree(): ArchiveTree {
    return { files: this.files, directories: this.directories };
  }

  private addAncestors(segments: readonly string[]): void {
    for (let depth = 1; depth < segments.length; depth += 1) {
      const ancestor = segments.slice(0, depth).join('/');
      if (this.files.has(ancestor)) throw duplicate(ancestor);
      this.directories.add(ancestor);
    }
  }
}

function duplicate(name: string): AppError {
  return new AppError('UNSAFE_ARCHIVE', `The zip declares ${quoteName(name)} more than once.`);
}
