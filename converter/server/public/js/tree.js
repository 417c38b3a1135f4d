// The result's file tree. Folders are native <details> (keyboard and screen-reader support for
// free) whose children are built only when first opened, so a result with thousands of files
// costs a handful of DOM nodes until someone looks inside. A search shows a capped flat list.

const MAX_MATCHES = 200;

/** Nested folders from sorted paths: { folders: Map<name, node>, files: [path] }. */
export function buildTree(paths) {
  const root = { folders: new Map(), files: [] };
  for (const path of paths) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!node.folders.has(part)) node.folders.set(part, { folders: new Map(), files: [] });
      node = node.folders.get(part);
    }
    node.files.push(path);
  }
  return root;
}

function fileLink(path, label) {
  const link = document.createElement('a');
  link.href = `#file=${encodeURIComponent(path)}`;
  link.dataset.previewPath = path;
  link.className = 'file';
  link.textContent = label;
  return link;
}

function item(child) {
  const li = document.createElement('li');
  li.append(child);
  return li;
}

function folderElement(name, node, prefix) {
  const details = document.createElement('details');
  details.dataset.folder = prefix;
  const summary = document.createElement('summary');
  summary.textContent = `${name}/`;
  details.append(summary);
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.append(listOf(node, prefix));
  });
  return details;
}

function listOf(node, prefix) {
  const list = document.createElement('ul');
  for (const [name, child] of node.folders) list.append(item(folderElement(name, child, `${prefix}${name}/`)));
  for (const path of node.files) list.append(item(fileLink(path, path.slice(prefix.length))));
  return list;
}

export class FileTree {
  constructor(container) {
    this.container = container;
  }

  show(paths) {
    this.paths = paths;
    this.root = buildTree(paths);
    this.treeElement = listOf(this.root, '');
    this.treeElement.className = 'tree-root';
    this.container.replaceChildren(this.treeElement);
  }

  /** Opens the folders down to `path` (building them on the way) and marks it current. */
  reveal(path) {
    this.filter('');
    const parts = path.split('/').slice(0, -1);
    let prefix = '';
    for (const part of parts) {
      prefix += `${part}/`;
      const details = this.container.querySelector(`details[data-folder="${CSS.escape(prefix)}"]`);
      if (details && !details.open) details.open = true; // toggle fires async: build now
      if (details && details.childElementCount === 1) details.append(listOf(this.nodeAt(prefix), prefix));
    }
    this.markCurrent(path);
  }

  nodeAt(prefix) {
    let node = this.root;
    for (const part of prefix.split('/').filter(Boolean)) node = node.folders.get(part);
    return node;
  }

  markCurrent(path) {
    for (const old of this.container.querySelectorAll('[aria-current]')) old.removeAttribute('aria-current');
    const link = this.container.querySelector(`a[data-preview-path="${CSS.escape(path)}"]`);
    if (link) {
      link.setAttribute('aria-current', 'page');
      link.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Empty query: the tree. Otherwise: up to MAX_MATCHES paths containing the query. */
  filter(query) {
    const wanted = query.trim().toLowerCase();
    if (wanted === '') {
      if (this.treeElement && this.container.firstChild !== this.treeElement) this.container.replaceChildren(this.treeElement);
      return;
    }
    const matches = this.paths.filter((p) => p.toLowerCase().includes(wanted));
    const list = document.createElement('ul');
    list.className = 'matches';
    for (const path of matches.slice(0, MAX_MATCHES)) list.append(item(fileLink(path, path)));
    const note = document.createElement('p');
    note.className = 'hint';
    note.textContent =
      matches.length > MAX_MATCHES
        ? `${matches.length} files match; the first ${MAX_MATCHES} are shown.`
        : `${matches.length} file(s) match.`;
    this.container.replaceChildren(note, list);
  }
}
