// Pure translation between the DocConversion and the job API: the job request for an attempt,
// and the status.result summary of a finished job (never the Markdown itself).
import { redactUrl } from '../../../common/redact-url.ts';
import type { ConversionJobRequest, ConversionJobStatus, JobOutput } from '../../../common/contract/conversion-job.ts';
import { DEFAULT_TIMEOUT_SECONDS } from '../../api/constants.ts';
import type { DocConversion, DocConversionResult, DocConversionResultLocation } from '../../api/docconversion.generated.ts';

export type OutputKind = 'retain' | 'url' | 'configMap';

export function outputKind(object: DocConversion): OutputKind {
  const output = object.spec.output;
  if (output?.configMap) return 'configMap';
  if (output?.url) return 'url';
  return 'retain';
}

function jobOutput(object: DocConversion, defaultRetainTtlSeconds?: number): JobOutput {
  const output = object.spec.output;
  if (output?.configMap) return { return: true };
  if (output?.url) return { url: output.url };
  const ttlSeconds = output?.retain?.ttlSeconds ?? defaultRetainTtlSeconds;
  return { retain: ttlSeconds === undefined ? {} : { ttlSeconds } };
}

export function timeoutSeconds(object: DocConversion): number {
  return object.spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
}

export interface RequestDefaults {
  /** Retention of retained results whose DocConversion names none. */
  retainTtlSeconds?: number;
}

/** `inlineBase64` carries a configMap source the operator has read. */
export function buildJobRequest(
  object: DocConversion,
  jobId: string,
  inlineBase64?: string,
  defaults: RequestDefaults = {},
): ConversionJobRequest {
  const source = object.spec.source;
  const jobSource =
    inlineBase64 !== undefined ? { inline: inlineBase64 } : { url: source.url ?? '', ...(source.sha256 ? { sha256: source.sha256 } : {}) };
  const request: ConversionJobRequest = {
    id: jobId,
    source: jobSource,
    output: jobOutput(object, defaults.retainTtlSeconds),
    timeoutSeconds: timeoutSeconds(object),
  };
  if (object.spec.options) request.options = { ...object.spec.options };
  return request;
}

function locationOf(object: DocConversion, job: ConversionJobStatus): DocConversionResultLocation {
  const output = object.spec.output;
  if (output?.configMap) return { type: 'ConfigMap', configMapName: output.configMap.name };
  if (output?.url) return { type: 'URL', url: redactUrl(output.url) };
  const retained = job.location?.kind === 'retained' ? job.location : undefined;
  return { type: 'Retained', path: retained?.path, expiresAt: retained?.expiresAt };
}

export function resultFromJob(object: DocConversion, job: ConversionJobStatus, files?: number): DocConversionResult {
  const result: DocConversionResult = {
    files: files ?? job.files,
    bytes: job.bytes,
    sha256: job.sha256,
    cacheHit: job.cacheHit,
    engine: job.engine,
    durationMs: job.durationMs,
    warnings: job.warnings?.length,
    counts: job.counts ? { ...job.counts } : undefined,
    location: locationOf(object, job),
  };
  return JSON.parse(JSON.stringify(result)) as DocConversionResult;
}
