// The summary of a successful conversion: pages by kind, technologies, warnings (each with its
// reason), whether the cache answered, and sizes. Built from the answer's headers and the zip.
import { formatBytes, plural } from './format.js';

function row(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
  return dd;
}

export function pagesText(counts, markdownPages) {
  if (!counts) return `${plural(markdownPages, 'Markdown page')}`;
  const parts = [plural(counts.symbols ?? 0, 'symbol'), plural(counts.articles ?? 0, 'article'), plural(counts.tutorials ?? 0, 'tutorial')];
  const extra = counts.volumes ? ` (${plural(counts.volumes, 'volume')}, ${plural(counts.chapters ?? 0, 'chapter')})` : '';
  return `${parts.join(', ')}${extra}; ${plural(markdownPages, 'Markdown file')}`;
}

function answerText(answer) {
  const when = answer.date ? new Date(answer.date) : new Date();
  const time = Number.isNaN(when.getTime()) ? '' : ` at ${when.toLocaleTimeString()}`;
  if (answer.cacheHit)
    return `Cache hit: answered from the cache${time}, without converting again (the original conversion took ${answer.durationMs} ms with the ${answer.engine} engine).`;
  return `Converted by the ${answer.engine} engine in ${answer.durationMs} ms${time}.`;
}

/** The warnings as listed in warnings.json, or what can honestly be said without that list. */
export function warningItems(result, headerCount) {
  if (result.warnings && result.warnings.length > 0) return result.warnings.map((w) => `${w.page}: ${w.reason}`);
  if (headerCount > 0)
    return [`The server reported ${plural(headerCount, 'warning')}, but the result holds no warnings.json listing them.`];
  return [];
}

export function renderSummary(elements, answer, result) {
  const list = elements.summary;
  list.replaceChildren();
  row(
    list,
    'Result',
    `${answer.fileName}: ${formatBytes(answer.zipBytes)} zip, ${formatBytes(result.unpackedBytes)} unpacked, ${plural(result.paths.length, 'file')}`,
  );
  row(list, 'Pages', pagesText(answer.counts, result.markdownPages));
  row(list, 'Technologies', result.technologies.length > 0 ? result.technologies.join(', ') : 'none found in the result');
  row(list, answer.cacheHit ? 'Cache' : 'Conversion', answerText(answer)).classList.toggle('cache-hit', answer.cacheHit);
  const warnings = warningItems(result, answer.warningCount);
  row(
    list,
    'Warnings',
    warnings.length === 0
      ? 'None: every page was converted.'
      : `${plural(result.warnings?.length || answer.warningCount, 'page')} skipped or degraded, listed below.`,
  );
  elements.warningList.replaceChildren(
    ...warnings.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
  elements.warnings.hidden = warnings.length === 0;
}
