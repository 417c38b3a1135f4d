// The result cache as POST /api/v1/convert sees it: the uploaded zip's hash (taken while it
// streamed in, else read here), then convertCached() so a hit skips extraction and the engine.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';
import { convertCached } from './cached-conversion.ts';
import type { CachedConversionDeps, ConversionOutcome } from './cached-conversion.ts';
import type { PipelineResult } from './pipeline.ts';

export interface ConvertCacheRequest {
  zipPath: string;
  /** The upload's SHA-256 when the receiver computed it; the file is hashed here otherwise. */
  archiveSha256?: string;
  engine: EngineName;
  options: ConversionOptions;
  convert: () => Promise<PipelineResult>;
}

export interface ConvertCache {
  convert(request: ConvertCacheRequest): Promise<ConversionOutcome>;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function createConvertCache(deps: CachedConversionDeps): ConvertCache {
  return {
    async convert(request) {
      const archiveSha256 = request.archiveSha256 ?? (await sha256File(request.zipPath));
      return convertCached(deps, { ...request, archiveSha256 });
    },
  };
}
