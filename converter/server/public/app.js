// The converter's web page: pick or drop one zip, choose options, watch the upload (percent and
// bytes) and then the conversion (elapsed time), cancel at any time, then read a summary and
// browse the result in the page before downloading it. Errors say what to do next.
// Limits and option defaults come from GET /api/v1/limits; the result zip is parsed once, here.
import { archiveTechnologies, readResult } from './js/archive.js';
import { adviceFor, parseErrorBody, retryAfterSeconds } from './js/errors.js';
import { formatBytes, formatSeconds } from './js/format.js';
import { Options } from './js/options.js';
import { Preview, byId, previewElements } from './js/preview.js';
import { renderSummary } from './js/summary.js';
import { fileNameFrom, parseCounts, postConversion } from './js/upload.js';

const ui = {
  zone: byId('drop-zone'),
  input: byId('file-input'),
  fileName: byId('file-name'),
  limits: byId('limits'),
  convert: byId('convert'),
  cancel: byId('cancel'),
  progressBox: byId('progress-box'),
  progress: byId('progress'),
  progressText: byId('progress-text'),
  status: byId('status'),
  error: byId('error'),
  errorMessage: byId('error-message'),
  errorAdvice: byId('error-advice'),
  errorId: byId('error-id'),
  result: byId('result'),
  summary: byId('summary'),
  warnings: byId('warnings'),
  warningList: byId('warning-list'),
  download: byId('download'),
};
const options = new Options(byId);
const preview = new Preview(previewElements(byId));
const state = { file: null, limits: null, controller: null, resultUrl: null, timer: null, phase: 'idle' };

function setStatus(text) {
  ui.status.textContent = text;
}

function showError(error) {
  ui.error.hidden = error === null;
  if (error === null) return;
  ui.errorMessage.textContent = error.code ? `${error.message} (${error.code})` : error.message;
  ui.errorAdvice.textContent = error.advice ?? '';
  ui.errorId.textContent = error.requestId ? `Request id: ${error.requestId}` : '';
}

/** idle | uploading | converting: what the buttons, the progress bar and the options allow. */
function setPhase(phase) {
  state.phase = phase;
  const busy = phase !== 'idle';
  ui.convert.disabled = busy || state.file === null;
  ui.cancel.hidden = !busy;
  ui.progressBox.hidden = !busy;
  ui.input.disabled = busy;
  ui.zone.setAttribute('aria-disabled', String(busy));
  options.setDisabled(busy);
  ui.progressBox.dataset.phase = phase;
  if (phase !== 'converting') stopTimer();
}

function stopTimer() {
  if (state.timer !== null) window.clearInterval(state.timer);
  state.timer = null;
}

function showProgress(sent, total) {
  const percent = total === 0 ? 100 : Math.floor((sent / total) * 100);
  ui.progress.value = percent;
  ui.progress.setAttribute('aria-valuetext', `${percent}% uploaded`);
  ui.progressText.textContent = `Uploading: ${percent}% (${formatBytes(sent)} of ${formatBytes(total)} sent)`;
}

function startConverting() {
  setPhase('converting');
  ui.progress.value = 100;
  ui.progress.removeAttribute('value');
  ui.progress.setAttribute('aria-valuetext', 'Converting');
  setStatus('Upload complete (100%). Converting on the server…');
  const started = window.performance.now();
  const tick = () => (ui.progressText.textContent = `Converting… ${formatSeconds((window.performance.now() - started) / 1000)} elapsed`);
  tick();
  state.timer = window.setInterval(tick, 1000);
}

async function loadLimits() {
  try {
    const response = await window.fetch('/api/v1/limits');
    state.limits = await response.json();
    const { maxUploadBytes, maxUncompressedBytes, maxEntries } = state.limits;
    ui.limits.textContent = `One .zip file, at most ${formatBytes(maxUploadBytes)} (unpacked at most ${formatBytes(maxUncompressedBytes)}, ${maxEntries} entries).`;
    options.applyDefaults(state.limits.defaults);
  } catch {
    ui.limits.textContent = 'One .zip file.';
  }
}

async function offerTechnologiesOf(file) {
  options.offerTechnologies([]);
  try {
    const names = archiveTechnologies(await file.arrayBuffer());
    if (state.file === file) options.offerTechnologies(names);
  } catch {
    // Not readable as a zip here: the server says why when it is converted.
  }
}

function selectFile(file) {
  showError(null);
  if (!file) return;
  const max = state.limits?.maxUploadBytes;
  if (max !== undefined && file.size > max) {
    state.file = null;
    ui.convert.disabled = true;
    showError({
      message: `${file.name} is ${formatBytes(file.size)}; the upload limit is ${formatBytes(max)}.`,
      advice: adviceFor('PAYLOAD_TOO_LARGE', state.limits),
    });
    return;
  }
  state.file = file;
  ui.fileName.textContent = `${file.name} (${formatBytes(file.size)})`;
  ui.fileName.hidden = false;
  ui.zone.classList.add('has-file');
  ui.convert.disabled = false;
  setStatus(`Selected ${file.name}.`);
  void offerTechnologiesOf(file);
}

function clearResult() {
  ui.result.hidden = true;
  preview.hide();
  if (state.resultUrl) URL.revokeObjectURL(state.resultUrl);
  state.resultUrl = null;
}

function showResult(answer) {
  const name = fileNameFrom(answer.header('Content-Disposition'), 'markdown.zip');
  state.resultUrl = URL.createObjectURL(new Blob([answer.body], { type: 'application/zip' }));
  ui.download.href = state.resultUrl;
  ui.download.download = name;
  ui.download.textContent = `Download ${name}`;
  const cacheHit = answer.header('X-Docc2context-Cache') === 'hit';
  const summary = {
    fileName: name,
    zipBytes: answer.body.byteLength,
    cacheHit,
    date: answer.header('Date'),
    engine: answer.header('X-Docc2context-Engine') ?? 'unknown',
    durationMs: answer.header('X-Docc2context-Duration-Ms') ?? '?',
    counts: parseCounts(answer.header('X-Docc2context-Counts')),
    warningCount: Number(answer.header('X-Docc2context-Warnings') ?? 0),
  };
  ui.result.hidden = false;
  let result;
  try {
    result = readResult(answer.body);
  } catch {
    ui.summary.replaceChildren();
    showError({ message: 'The result could not be read for the preview.', advice: 'Download the zip and open it on your computer.' });
    return;
  }
  renderSummary(ui, summary, result);
  preview.show(result);
  setStatus(`Done${cacheHit ? ' (from the cache)' : ''}: ${result.paths.length} files. The summary and the preview are below.`);
}

function showFailure(answer) {
  const text = new TextDecoder().decode(answer.body);
  const { code, message, requestId } = parseErrorBody(text, answer.status);
  const retry = retryAfterSeconds(answer.header('Retry-After'));
  setStatus('Conversion failed.');
  showError({ code, message, requestId, advice: adviceFor(code, state.limits, retry) });
}

async function convert() {
  if (!state.file || state.phase !== 'idle') return;
  const controller = new AbortController();
  state.controller = controller;
  showError(null);
  clearResult();
  setPhase('uploading');
  showProgress(0, state.file.size);
  setStatus(`Uploading ${state.file.name}…`);
  const form = new FormData();
  for (const [name, value] of options.fields()) form.append(name, value);
  form.append('file', state.file, state.file.name);
  try {
    const answer = await postConversion(form, { signal: controller.signal, onProgress: showProgress, onUploaded: startConverting });
    setPhase('idle');
    if (answer.status === 200) showResult(answer);
    else showFailure(answer);
  } catch (error) {
    setPhase('idle');
    if (error.name === 'AbortError') setStatus('Cancelled. Nothing was converted; choose Convert to start again.');
    else {
      setStatus('Conversion failed.');
      showError({ message: error.message });
    }
  } finally {
    state.controller = null;
  }
}

ui.zone.addEventListener('click', () => {
  if (state.phase === 'idle') ui.input.click();
});
ui.zone.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  if (state.phase === 'idle') ui.input.click();
});
ui.input.addEventListener('change', () => selectFile(ui.input.files[0]));
for (const type of ['dragenter', 'dragover']) {
  ui.zone.addEventListener(type, (event) => {
    event.preventDefault();
    ui.zone.classList.add('drag-over');
  });
}
ui.zone.addEventListener('dragleave', () => ui.zone.classList.remove('drag-over'));
ui.zone.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.zone.classList.remove('drag-over');
  if (state.phase !== 'idle') return;
  const files = event.dataTransfer.files;
  if (files.length > 1) {
    showError({ message: 'Drop one zip file at a time.' });
    return;
  }
  selectFile(files[0]);
});
// Dropping a file outside the zone must not navigate away from the page.
for (const type of ['dragover', 'drop']) window.document.addEventListener(type, (event) => event.preventDefault());
ui.convert.addEventListener('click', () => {
  void convert();
});
ui.cancel.addEventListener('click', () => state.controller?.abort());

void loadLimits();
