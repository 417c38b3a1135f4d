// The web page's three browser libraries, served from node_modules at fixed URLs (no CDN, no
// bundler): their own ES-module builds, so the page runs offline under `script-src 'self'`.
// Only these three files are reachable; nothing else under node_modules is.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Router as ExpressRouter } from 'express';

/** URL name under /vendor/ → package and the file of its browser ES-module build. */
export const VENDOR_FILES: Readonly<Record<string, { pkg: string; file: string }>> = {
  'marked.js': { pkg: 'marked', file: 'lib/marked.esm.js' },
  'purify.js': { pkg: 'dompurify', file: 'dist/purify.es.mjs' },
  'fflate.js': { pkg: 'fflate', file: 'esm/browser.js' },
};

/** The installed package's directory, found from its resolved entry point. */
export function packageDir(pkg: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve(pkg)));
  while (path.basename(dir) !== pkg || path.basename(path.dirname(dir)) !== 'node_modules') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the directory of package ${pkg}`);
    dir = parent;
  }
  return dir;
}

export function vendorRouter(): ExpressRouter {
  const router = Router();
  // Resolved once at start-up, so a missing package fails the start, not a page load.
  const files = new Map(Object.entries(VENDOR_FILES).map(([name, { pkg, file }]) => [name, path.join(packageDir(pkg), file)]));
  for (const file of files.values()) fs.accessSync(file, fs.constants.R_OK);
  router.get('/vendor/:name', (req, res, next) => {
    const file = files.get(req.params.name);
    if (file === undefined) return next();
    res.sendFile(file, { maxAge: '1h', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  return router;
}
