// The converter's web page: one zip in, progress while uploading, a distinct "Processing…"
// state while the server converts, the server's own error message on failure, cancel at any
// time, and the result downloaded as a blob. Limits come from GET /api/v1/limits.
/* global document, window, XMLHttpRequest, AbortController, URL, FormData, Blob, DOMException */

const $ = (id) => document.getElementById(id);
const ui = {
  zone: $('drop-zone'), input: $('file-input'), fileName: $('file-name'), limits: $('limits'),
  convert: $('convert'), cancel: $('cancel'), progress: $('progress'), status: $('status'),
  error: $('error'), download: $('download'),
  profile: $('profile'), symbolLayout: $('symbol-layout'), tutorialLayout: $('tutorial-layout'),
};
const state = { file: null, maxUploadBytes: null, controller: null, resultUrl: null };

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function setStatus(text, mode = '') {
  ui.status.textContent = text;
  ui.status.className = `status ${mode}`.trim();
}

function showError(text) {
  ui.error.textContent = text;
  ui.error.hidden = text === '';
}

function setBusy(busy) {
  ui.convert.disabled = busy || state.file === null;
  ui.cancel.hidden = !busy;
  ui.progress.hidden = !busy;
  ui.input.disabled = busy;
}

async function loadLimits() {
  try {
    const response = await window.fetch('/api/v1/limits');
    const limits = await response.json();
    state.maxUploadBytes = limits.maxUploadBytes;
    ui.limits.textContent = `One .zip file, at most ${formatBytes(limits.maxUploadBytes)}.`;
  } catch {
    ui.limits.textContent = 'One .zip file.';
  }
}

function selectFile(file) {
  showError('');
  ui.download.hidden = true;
  if (!file) return;
  if (state.maxUploadBytes !== null && file.size > state.maxUploadBytes) {
    state.file = null;
    ui.convert.disabled = true;
    showError(`${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(state.maxUploadBytes)}.`);
    return;
  }
  state.file = file;
  ui.fileName.textContent = `${file.name} (${formatBytes(file.size)})`;
  ui.fileName.hidden = false;
  ui.zone.classList.add('has-file');
  ui.convert.disabled = false;
  setStatus(`Selected ${file.name}.`);
}

function fileNameFrom(disposition, fallback) {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match ? match[1] : fallback;
}

async function errorMessage(xhr) {
  try {
    const body = JSON.parse(await xhr.response.text());
    const { code, message, requestId } = body.error;
    return `${message} (${code}, request ${requestId})`;
  } catch {
    return `The server answered ${xhr.status}.`;
  }
}

/** XHR for upload progress, wrapped in a Promise that settles when the response is complete. */
function send(file, signal, onProgress, onUploaded) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/convert');
    xhr.responseType = 'blob';
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.upload.onload = () => onUploaded();
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new Error('The connection to the server failed.'));
    xhr.onabort = () => reject(new DOMException('Cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    for (const [name, select] of [['profile', ui.profile], ['symbolLayout', ui.symbolLayout], ['tutorialLayout', ui.tutorialLayout]]) {
      if (select.value !== '') form.append(name, select.value);
    }
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function offerDownload(blob, name) {
  if (state.resultUrl) URL.revokeObjectURL(state.resultUrl);
  state.resultUrl = URL.createObjectURL(new Blob([blob], { type: 'application/zip' }));
  ui.download.href = state.resultUrl;
  ui.download.download = name;
  ui.download.hidden = false;
  ui.download.click();
}

async function convert() {
  if (!state.file) return;
  const controller = new AbortController();
  state.controller = controller;
  showError('');
  ui.download.hidden = true;
  setBusy(true);
  ui.progress.value = 0;
  setStatus('Uploading… 0%');
  try {
    const xhr = await send(
      state.file,
      controller.signal,
      (fraction) => { ui.progress.value = Math.round(fraction * 100); setStatus(`Uploading… ${Math.round(fraction * 100)}%`); },
      () => { ui.progress.removeAttribute('value'); setStatus('Processing…', 'processing'); },
    );
    if (xhr.status !== 200) {
      setStatus('Conversion failed.');
      showError(await errorMessage(xhr));
      return;
    }
    const name = fileNameFrom(xhr.getResponseHeader('Content-Disposition'), 'markdown.zip');
    const files = xhr.getResponseHeader('X-Docc2context-Files');
    const ms = xhr.getResponseHeader('X-Docc2context-Duration-Ms');
    offerDownload(xhr.response, name);
    setStatus(`Done: ${files} files converted in ${ms} ms. Downloading ${name}.`, 'done');
  } catch (error) {
    if (error.name === 'AbortError') setStatus('Cancelled.');
    else { setStatus('Conversion failed.'); showError(error.message); }
  } finally {
    state.controller = null;
    setBusy(false);
  }
}

ui.zone.addEventListener('click', () => ui.input.click());
ui.zone.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); ui.input.click(); }
});
ui.input.addEventListener('change', () => selectFile(ui.input.files[0]));
for (const type of ['dragenter', 'dragover']) {
  ui.zone.addEventListener(type, (event) => { event.preventDefault(); ui.zone.classList.add('drag-over'); });
}
ui.zone.addEventListener('dragleave', () => ui.zone.classList.remove('drag-over'));
ui.zone.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.zone.classList.remove('drag-over');
  const files = event.dataTransfer.files;
  if (files.length > 1) { showError('Drop one zip file at a time.'); return; }
  selectFile(files[0]);
});
// Dropping a file outside the zone must not navigate away from the page.
for (const type of ['dragover', 'drop']) document.addEventListener(type, (event) => event.preventDefault());
ui.convert.addEventListener('click', () => { void convert(); });
ui.cancel.addEventListener('click', () => state.controller?.abort());

void loadLimits();
