// The result cache as POST /api/v1/convert sees it: hash the uploaded zip (streamed, unless the
// caller hashed it already), then convert through convertCached() so a hit skips extraction and
// the engine entirely.
import type { ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';
import { convertCached, sha256File } from './cached-conversion.ts';
import type { CachedConversionDeps, ConvertedZip } from './cached-conversion.ts';
import type { PipelineOutput } from './pipeline.ts';

export interface ConvertCacheRequest {
  zipPath: string;
  /** SHA-256 (hex) of the zip when the caller took it while receiving the upload. */
  archiveSha256?: string;
  engine: EngineName;
  options: ConversionOptions;
  convert: () => Promise<PipelineOutput>;
}

export interface ConvertCache {
  convert(request: ConvertCacheRequest): Promise<ConvertedZip>;
}

export function createConvertCache(deps: CachedConversionDeps): ConvertCache {
  return {
    async convert(request) {
      const archiveSha256 = request.archiveSha256 ?? (await sha256File(request.zipPath));
      return convertCached(deps, { ...request, archiveSha256 });
    },
  };
}
