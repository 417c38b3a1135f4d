// The engine writes its output only through this interface: a directory or a zip file. Nothing
// appears at the output path until commit(), so a failed or aborted conversion leaves nothing
// behind (the Swift CLI creates the directory first and leaves partial output; we do not).

export interface OutputStats {
  /** Distinct files in the output tree and the sum of their sizes (uncompressed). */
  files: number;
  bytes: number;
}

export interface OutputSink {
  /** Writes or replaces a file (a later write to the same path wins); parents are implied. Strings are UTF-8. */
  writeFile(relativePath: string, content: string | Uint8Array): Promise<void>;
  /** Makes a directory that must exist even if it stays empty (e.g. `markdown/tutorials`). */
  makeDirectory(relativePath: string): Promise<void>;
  /** Publishes the output at its final path, replacing what `force` allowed to replace. */
  commit(): Promise<OutputStats>;
  /** Removes everything written so far; safe after a failed commit and safe to call twice. */
  abort(): Promise<void>;
}

export interface OutputTarget {
  /** Absolute, standardised output path (a directory, or a file ending in .zip). */
  path: string;
  force: boolean;
}
