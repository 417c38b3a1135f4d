// `helm test` check: converts a tiny DocC archive through the converter pool's Service and checks
// that the answer is a zip. Plain Node (the project image's), no dependencies. The pool may still
// be starting right after an install, so refusals and 503s are retried for up to RETRY_SECONDS.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const url = `${process.env.CONVERTER_URL ?? 'http://docc2context-converter:8080'}/api/v1/convert`;
const archivePath = process.env.ARCHIVE_PATH ?? '/helm-test/archive.zip';
const deadline = Date.now() + Number(process.env.RETRY_SECONDS ?? 120) * 1000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function convertOnce(archive) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/zip' },
    body: archive,
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

async function main() {
  const archive = await readFile(archivePath);
  for (let attempt = 1; ; attempt++) {
    let outcome;
    try {
      outcome = await convertOnce(archive);
    } catch (error) {
      outcome = { error: error.cause?.code ?? error.cause?.message ?? error.message };
    }
    if (outcome.status === 200) {
      if (!outcome.body.subarray(0, 4).equals(ZIP_MAGIC)) throw new Error(`POST ${url} answered 200 but not a zip`);
      console.log(`Converted ${archive.length} bytes through ${url}: ${outcome.body.length} bytes of zip (attempt ${attempt})`);
      return;
    }
    const retriable = outcome.error !== undefined || [429, 502, 503, 504].includes(outcome.status);
    const detail = outcome.error ?? `${outcome.status} ${outcome.body.toString('utf8', 0, 300)}`;
    if (!retriable || Date.now() > deadline) throw new Error(`POST ${url} failed: ${detail}`);
    console.log(`POST ${url} not yet: ${detail}; retrying`);
    await sleep(Math.min(2000 * attempt, 10_000));
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
