// Delivers a finished job's result into the DocConversion's configMap output: takes the result
// zip (inline in the job's answer, or downloaded), keeps its Markdown files and llms.txt under
// deterministic keys (output-keys.ts), and writes them into the ConfigMap the DocConversion owns.
import type { ConversionJobStatus } from '../../../common/contract/conversion-job.ts';
import { CONFIGMAP_OUTPUT_MAX_BYTES } from '../../api/constants.ts';
import type { DocConversion } from '../../api/docconversion.generated.ts';
import type { ConversionClient } from '../../dispatch/client.ts';
import { DispatchError } from '../../dispatch/errors.ts';
import { readMarkdownFiles, type ResultZipLimits } from '../../dispatch/result-zip.ts';
import { configMapKeys } from './output-keys.ts';

/**
 * Bounds of the result zip read for a configMap output: no larger than a downloaded result may be
 * (MAX_RESULT_BYTES), no more entries than a zip without zip64 holds, and 1 MiB of kept files.
 */
export const RESULT_ZIP_LIMITS: ResultZipLimits = Object.freeze({
  maxZipBytes: 64 * 1024 * 1024,
  maxEntries: 65_535,
  maxBytes: CONFIGMAP_OUTPUT_MAX_BYTES,
});

export interface ConfigMapOutputPorts {
  client: Pick<ConversionClient, 'downloadResult'>;
  writeOutput: (owner: DocConversion, name: string, data: Record<string, string>) => Promise<void>;
}

/** Writes the job's Markdown into the object's configMap output; answers how many files it holds. */
export async function deliverConfigMap(ports: ConfigMapOutputPorts, object: DocConversion, job: ConversionJobStatus): Promise<number> {
  const zip = job.location?.kind === 'inline' ? Buffer.from(job.location.zipBase64, 'base64') : await ports.client.downloadResult(job.id);
  const files = readMarkdownFiles(zip, RESULT_ZIP_LIMITS);
  await ports.writeOutput(object, object.spec.output?.configMap?.name ?? '', configMapData(files));
  return files.size;
}

/** The ConfigMap's data: each file under its key; OUTPUT_TOO_LARGE when keys and contents pass maxBytes. */
export function configMapData(files: ReadonlyMap<string, string>, maxBytes = CONFIGMAP_OUTPUT_MAX_BYTES): Record<string, string> {
  const keys = configMapKeys([...files.keys()]);
  const data: Record<string, string> = {};
  let size = 0;
  for (const [path, content] of files) {
    const key = keys.get(path) ?? path;
    data[key] = content;
    size += Buffer.byteLength(content) + key.length;
  }
  if (size > maxBytes) {
    const message = `The Markdown files exceed the ${Math.round(maxBytes / 1024)} KiB a ConfigMap output holds`;
    throw new DispatchError('OUTPUT_TOO_LARGE', message, { permanent: true });
  }
  return data;
}
