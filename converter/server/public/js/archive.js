// Reading zips in the browser with fflate: the chosen DocC archive (only to offer its
// technologies before the upload) and the result zip (parsed once, kept for the preview).
import { strFromU8, unzipSync } from '/vendor/fflate.js';

const TECHNOLOGY_PAGE = /(?:^|\/)data\/(documentation|tutorials)\/([^/]+)\.json$/;
const MAX_TECHNOLOGY_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * A technology's name as the engine's filter sees it (rich/page-summary.ts): the page's first
 * module, else the second part of its doc: URL (tutorials), else the file name.
 */
function technologyName(bytes, fallback) {
  try {
    const page = JSON.parse(strFromU8(bytes));
    return nonEmpty(page?.metadata?.modules?.[0]?.name) ?? nonEmpty(urlTechnology(page?.identifier?.url)) ?? fallback;
  } catch {
    return fallback;
  }
}

const nonEmpty = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** `doc://Kit/tutorials/Kit` → `Kit`. */
function urlTechnology(url) {
  if (typeof url !== 'string') return undefined;
  const part = url
    .replace(/^doc:(\/\/[^/]*)?/i, '')
    .split('/')
    .filter(Boolean)[1];
  return part === undefined ? undefined : decodeURIComponent(part);
}

/**
 * The technologies a DocC archive holds: one per top-level page under data/documentation/ and
 * data/tutorials/ (what the engine's technology filter matches, case-insensitively).
 * Only those small pages are inflated. Throws when the bytes are not a zip.
 */
export function archiveTechnologies(buffer) {
  const pages = unzipSync(new Uint8Array(buffer), {
    filter: (entry) => TECHNOLOGY_PAGE.test(entry.name) && entry.originalSize <= MAX_TECHNOLOGY_PAGE_BYTES,
  });
  const names = new Map();
  for (const [path, bytes] of Object.entries(pages)) {
    const stem = TECHNOLOGY_PAGE.exec(path)[2];
    if (stem === 'index') continue; // an ordinary article some archives keep at that path
    const name = technologyName(bytes, stem);
    names.set(name.toLowerCase(), name);
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/** A warning list from the result's warnings.json (contract: {"warnings":[{page, reason}]}). */
function readWarnings(bytes) {
  if (!bytes) return undefined;
  try {
    const list = JSON.parse(strFromU8(bytes)).warnings;
    if (!Array.isArray(list)) return [];
    return list.map((w) => ({ page: String(w?.page ?? '(unknown page)'), reason: String(w?.reason ?? '(no reason given)') }));
  } catch {
    return [{ page: 'warnings.json', reason: 'The warning list in the result could not be read.' }];
  }
}

/** Technologies present in the output: the first folder under markdown/<documentation|tutorials>/. */
function outputTechnologies(paths) {
  const found = new Set();
  for (const path of paths) {
    const match = /^markdown\/(?:documentation|tutorials)\/([^/]+)\//.exec(path);
    if (match) found.add(match[1]);
  }
  return [...found].sort();
}

/**
 * The result zip, parsed once: every file's bytes by path, the Markdown pages, the warnings
 * (undefined when the zip has no warnings.json) and the technologies written.
 */
export function readResult(buffer) {
  const entries = unzipSync(new Uint8Array(buffer));
  const files = new Map();
  let unpackedBytes = 0;
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith('/')) continue;
    files.set(path, bytes);
    unpackedBytes += bytes.length;
  }
  const paths = [...files.keys()].sort();
  return {
    files,
    paths,
    markdownPages: paths.filter((p) => p.endsWith('.md')).length,
    warnings: readWarnings(files.get('warnings.json')),
    technologies: outputTechnologies(paths),
    unpackedBytes,
  };
}

export function textOf(bytes) {
  return strFromU8(bytes);
}
