// POST /api/v1/convert through XMLHttpRequest, the one browser API that reports upload progress.
// Settles with the whole answer; rejects with an AbortError on cancel.

/**
 * @param {FormData} form the options and the file
 * @param {{signal: AbortSignal, onProgress(sent: number, total: number): void, onUploaded(): void}} hooks
 * @returns {Promise<{status: number, header(name: string): string | null, body: ArrayBuffer}>}
 */
export function postConversion(form, hooks) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/convert');
    xhr.responseType = 'arraybuffer';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) hooks.onProgress(event.loaded, event.total);
    };
    xhr.upload.onload = () => hooks.onUploaded();
    xhr.onload = () => resolve({ status: xhr.status, header: (name) => xhr.getResponseHeader(name), body: xhr.response });
    xhr.onerror = () => reject(new Error('The connection to the server failed. Check the network and try again.'));
    xhr.onabort = () => reject(new DOMException('Cancelled', 'AbortError'));
    hooks.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** `filename="…"` of a Content-Disposition header, or the fallback. */
export function fileNameFrom(disposition, fallback) {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match ? match[1] : fallback;
}

/** `symbols=3, articles=1` → { symbols: 3, articles: 1 }; absent or malformed → undefined. */
export function parseCounts(header) {
  if (!header) return undefined;
  const counts = {};
  for (const part of header.split(',')) {
    const match = /^\s*([a-z]+)=(\d+)\s*$/.exec(part);
    if (match) counts[match[1]] = Number(match[2]);
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}
