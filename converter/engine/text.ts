// String rules shared by every profile: Swift's trim set, slugs (spec §5.2) and doc: URLs (§5.3).

// Swift's CharacterSet.whitespacesAndNewlines: U+0009–U+000D, U+0085, U+2028, U+2029 and Zs.
// JS's trim() differs: it strips U+FEFF and keeps U+0085.
const SWIFT_SPACE = /^[\t\n\v\f\r\u0085\u2028\u2029\p{Zs}]+|[\t\n\v\f\r\u0085\u2028\u2029\p{Zs}]+$/gu;

export function swiftTrim(value: string): string {
  return value.replace(SWIFT_SPACE, '');
}

const NOT_ALPHANUMERIC_RUN = /[^\p{L}\p{M}\p{N}]+/gu;
const EDGE_DASHES = /^-+|-+$/g;

/** trim → lower-case → runs of non-letters/marks/numbers become one "-" → strip "-" → fallback. */
export function slug(value: string, fallback: string): string {
  const result = swiftTrim(value).toLowerCase().replace(NOT_ALPHANUMERIC_RUN, '-').replace(EDGE_DASHES, '');
  return result === '' ? fallback : result;
}

export interface DocUrl {
  host: string;
  /** Percent-decoded path segments, empty ones dropped; no query or fragment. */
  components: string[];
}

/** Parses `doc://host/a/b` (or `doc:a/b`); undefined for any other identifier. */
export function parseDocUrl(identifier: string): DocUrl | undefined {
  if (!/^doc:/i.test(identifier)) return undefined;
  let rest = identifier.slice(4);
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const end = slash < 0 ? rest.length : slash;
    host = rest.slice(2, end);
    rest = rest.slice(end);
  }
  const cut = rest.search(/[?#]/);
  const pathPart = cut < 0 ? rest : rest.slice(0, cut);
  const components: string[] = [];
  for (const segment of pathPart.split('/')) {
    if (segment === '') continue;
    components.push(percentDecode(segment));
  }
  return { host: host.replace(/[?#].*$/, ''), components };
}

function percentDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Capitalises the first letter of every word, like Foundation's `capitalized`. */
export function capitalizeWords(value: string): string {
  return value.replace(/\S+/gu, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
}
