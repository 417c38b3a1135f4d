// Text recall: the text runs of a page's content (inline text and codeVoice, code listing
// lines, headings, title, abstract) and whether each appears in the generated Markdown.
type Node = Record<string, unknown>;

const SKIPPED_KEYS = new Set(['references', 'metadata', 'variants', 'variantOverrides', 'hierarchy', 'identifier', 'schemaVersion']);

export function textRuns(page: Node): string[] {
  const runs: string[] = [];
  const metadata = page.metadata as Node | undefined;
  if (typeof metadata?.title === 'string') runs.push(metadata.title);
  collect(page, runs);
  return runs.map(normalize).filter((run) => run !== '');
}

function collect(value: unknown, runs: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, runs);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Node;
  collectOwn(node, runs);
  for (const [key, child] of Object.entries(node)) {
    if (!SKIPPED_KEYS.has(key)) collect(child, runs);
  }
}

function collectOwn(node: Node, runs: string[]): void {
  if (node.type === 'text' && typeof node.text === 'string') runs.push(node.text);
  if (node.type === 'codeVoice' && typeof node.code === 'string') runs.push(node.code);
  if (node.type === 'heading' && typeof node.text === 'string') runs.push(node.text);
  if (node.type === 'codeListing' && Array.isArray(node.code)) runs.push(...node.code.map(String));
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Both the Markdown as written and as read (escapes and HTML entities undone). */
export function markdownHaystacks(markdown: string): string[] {
  const raw = normalize(markdown);
  const read = normalize(
    markdown
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
  return [raw, read];
}

export interface Recall {
  found: number;
  total: number;
  missing: string[];
}

export function measureRecall(runs: readonly string[], markdown: string): Recall {
  const haystacks = markdownHaystacks(markdown);
  const missing = runs.filter((run) => !haystacks.some((haystack) => haystack.includes(run)));
  return { found: runs.length - missing.length, total: runs.length, missing };
}
