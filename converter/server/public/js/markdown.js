// Markdown → sanitised DOM for the preview. The converter's output is untrusted text (it comes
// from whoever built the archive): marked renders it, DOMPurify removes scripts, handlers and
// javascript: URLs, and every link is then rewritten: pages of the result open in the preview,
// web links open in a new tab, anything else is made inert.
import { Marked } from '/vendor/marked.js';
import DOMPurify from '/vendor/purify.js';

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Images are not part of the result (and img-src is 'self'): show what they were.
    image: ({ text }) => `<span class="image-ref">[Image: ${escapeHtml(text ?? '')}]</span>`,
  },
});

const PURIFY_OPTIONS = {
  RETURN_DOM_FRAGMENT: true,
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'video', 'audio', 'source', 'picture'],
  FORBID_ATTR: ['style', 'id', 'name', 'srcset', 'target'],
};

/** `href` relative to the page at `fromPath`, as a result path; undefined when it leaves the zip. */
export function resolveLink(fromPath, href) {
  const clean = href.split(/[?#]/, 1)[0];
  if (clean === '' || /^[a-z][a-z0-9+.-]*:/i.test(clean) || clean.startsWith('/')) return undefined;
  let decoded;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    return undefined;
  }
  const parts = fromPath.split('/').slice(0, -1);
  for (const segment of decoded.split('/')) {
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (segment !== '.' && segment !== '') {
      parts.push(segment);
    }
  }
  return parts.join('/');
}

/** The file a resolved link names: itself, or the index.md of a folder. */
export function targetFile(files, path) {
  if (path === undefined) return undefined;
  if (files.has(path)) return path;
  const index = path === '' ? 'index.md' : `${path.replace(/\/$/, '')}/index.md`;
  return files.has(index) ? index : undefined;
}

function rewriteLink(anchor, fromPath, files) {
  const href = anchor.getAttribute('href') ?? '';
  if (/^https?:\/\//i.test(href)) {
    anchor.setAttribute('target', '_blank');
    anchor.setAttribute('rel', 'noopener noreferrer');
    return;
  }
  const target = href.startsWith('#') ? undefined : targetFile(files, resolveLink(fromPath, href));
  anchor.removeAttribute('href');
  if (target !== undefined) {
    anchor.setAttribute('href', `#file=${encodeURIComponent(target)}`);
    anchor.dataset.previewPath = target;
  } else {
    anchor.classList.add('unavailable');
    anchor.title = href.startsWith('#') ? 'A link inside the page' : 'Not in this result';
  }
}

/** The page rendered and sanitised, as a DocumentFragment ready to insert. */
export function renderMarkdown(text, fromPath, files) {
  const html = marked.parse(text);
  const fragment = DOMPurify.sanitize(html, PURIFY_OPTIONS);
  for (const anchor of fragment.querySelectorAll('a')) rewriteLink(anchor, fromPath, files);
  return fragment;
}
