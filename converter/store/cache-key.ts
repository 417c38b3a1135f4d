// The result cache's content address. Pure: the same archive bytes converted by the same engine
// with the same options always map to the same key, whatever order the options were given in.
import { createHash } from 'node:crypto';
import type { ConversionOptions, EngineName } from '../../common/contract/conversion-job.ts';
import { engineForProfile, resolveOptions } from '../../common/contract/conversion-job.ts';

export interface CacheKeyInput {
  /** SHA-256 (hex) of the uploaded archive bytes. */
  archiveSha256: string;
  engine: EngineName;
  options: ConversionOptions;
}

// Bump when the engine's output for the same input changes, so old entries stop matching.
const CACHE_KEY_VERSION = 'v3';

export function cacheKey(input: CacheKeyInput): string {
  // Absent options mean the defaults, and the engine is the one that really serves the profile.
  const options = resolveOptions(input.options);
  const canonical = JSON.stringify([
    CACHE_KEY_VERSION,
    input.archiveSha256.toLowerCase(),
    engineForProfile(options.profile, input.engine),
    options.profile,
    options.symbolLayout,
    options.tutorialLayout,
    options.technologies,
    options.frontMatter,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** SHA-256 (hex) of bytes already in memory. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
