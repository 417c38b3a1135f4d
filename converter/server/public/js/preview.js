// The preview: the result's file tree beside the selected page, rendered (sanitised) or raw,
// with its own download. Links between pages open here, never navigate the browser away.
import { textOf } from './archive.js';
import { formatBytes } from './format.js';
import { renderMarkdown } from './markdown.js';
import { FileTree } from './tree.js';

const MAX_SHOWN_BYTES = 2 * 1024 * 1024;
const RENDERED = /\.(md|markdown|txt)$/i;

/** `markdown/documentation/kit/index.md` → `kit-documentation-kit-index.md`-style flat name. */
export function pageFileName(path) {
  return (
    path
      .replace(/^markdown\//, '')
      .split('/')
      .join('_') || 'page.md'
  );
}

export class Preview {
  constructor(elements) {
    this.el = elements;
    this.tree = new FileTree(elements.tree);
    this.raw = false;
    this.pageUrl = null;
    const openFromLink = (event) => {
      const link = event.target.closest('a[data-preview-path]');
      if (!link) return;
      event.preventDefault();
      this.open(link.dataset.previewPath, { focusPage: link.closest('.rendered') !== null });
    };
    elements.tree.addEventListener('click', openFromLink);
    elements.rendered.addEventListener('click', openFromLink);
    elements.rendered.addEventListener('click', (event) => {
      if (event.target.closest('a.unavailable')) event.preventDefault();
    });
    elements.rawToggle.addEventListener('click', () => this.setRaw(!this.raw));
    elements.filter.addEventListener('input', () => this.tree.filter(elements.filter.value));
    elements.openIndex.addEventListener('click', () => this.open('index.md'));
    elements.openLlms.addEventListener('click', () => this.open('llms.txt'));
  }

  /** Shows a parsed result; opens index.md (or the first page) first. */
  show(result) {
    this.result = result;
    this.el.filter.value = '';
    this.tree.show(result.paths);
    this.el.openIndex.hidden = !result.files.has('index.md');
    this.el.openLlms.hidden = !result.files.has('llms.txt');
    this.el.section.hidden = false;
    const first = result.files.has('index.md') ? 'index.md' : (result.paths.find((p) => p.endsWith('.md')) ?? result.paths[0]);
    if (first !== undefined) this.open(first);
  }

  hide() {
    this.el.section.hidden = true;
    this.result = undefined;
    this.el.rendered.replaceChildren();
    this.el.raw.textContent = '';
  }

  open(path, { focusPage = false } = {}) {
    const bytes = this.result?.files.get(path);
    if (!bytes) return;
    this.current = path;
    this.el.path.textContent = path;
    this.tree.reveal(path);
    const shown = bytes.length > MAX_SHOWN_BYTES ? bytes.subarray(0, MAX_SHOWN_BYTES) : bytes;
    const text = textOf(shown);
    this.el.note.textContent =
      bytes.length > MAX_SHOWN_BYTES ? `Showing the first ${formatBytes(MAX_SHOWN_BYTES)} of ${formatBytes(bytes.length)}.` : '';
    this.el.raw.textContent = text;
    this.renderable = RENDERED.test(path);
    if (this.renderable) this.el.rendered.replaceChildren(renderMarkdown(text, path, this.result.files));
    else this.el.rendered.replaceChildren();
    this.applyMode();
    this.offerPage(path, bytes);
    if (focusPage) this.el.path.focus();
  }

  setRaw(raw) {
    this.raw = raw;
    this.applyMode();
  }

  applyMode() {
    const raw = this.raw || !this.renderable;
    this.el.rawToggle.setAttribute('aria-pressed', String(this.raw));
    this.el.rawToggle.textContent = this.raw ? 'Show rendered page' : 'Show Markdown source';
    this.el.rawToggle.disabled = !this.renderable;
    this.el.rendered.hidden = raw;
    this.el.raw.hidden = !raw;
  }

  offerPage(path, bytes) {
    if (this.pageUrl) URL.revokeObjectURL(this.pageUrl);
    const type = path.endsWith('.json') ? 'application/json' : 'text/markdown;charset=utf-8';
    this.pageUrl = URL.createObjectURL(new Blob([bytes], { type }));
    this.el.pageDownload.href = this.pageUrl;
    this.el.pageDownload.download = pageFileName(path);
    this.el.pageDownload.textContent = `Download ${path.split('/').pop()}`;
  }
}

export function previewElements(byId) {
  return {
    section: byId('preview'),
    tree: byId('file-tree'),
    filter: byId('file-filter'),
    openIndex: byId('open-index'),
    openLlms: byId('open-llms'),
    path: byId('page-path'),
    note: byId('page-note'),
    rendered: byId('page-rendered'),
    raw: byId('page-raw'),
    rawToggle: byId('raw-toggle'),
    pageDownload: byId('page-download'),
  };
}

export const byId = (id) => document.getElementById(id);
