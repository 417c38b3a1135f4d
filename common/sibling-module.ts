// Worker threads and resolve hooks name modules by URL, which the build's import rewriting
// (`rewriteRelativeImportExtensions`) does not touch: this picks the extension the running code
// has, `.ts` from the sources (tests) and `.js` from dist/ (docs/adr/0001).

/** The URL of module `stem` in the folder of `base` (an `import.meta.url`), with `base`'s extension. */
export function siblingModule(base: string, stem: string): URL {
  const extension = new URL(base).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${stem}${extension}`, base);
}
