// Per-client rate limit settings, read by the converter's loadConfig() (one EnvReader).
import type { EnvReader } from '../../common/config.ts';

export interface RateLimitConfig {
  enabled: boolean;
  /** Requests per window per client (also the burst). */
  limit: number;
  windowMs: number;
  /** Header carrying an API key; only keys listed in `apiKeys` get their own bucket. */
  apiKeyHeader?: string;
  apiKeys: string[];
}

export function readRateLimitConfig(reader: EnvReader): RateLimitConfig {
  const apiKeyHeader = reader.optionalString('RATE_LIMIT_KEY_HEADER')?.toLowerCase();
  const apiKeys = reader.list('RATE_LIMIT_API_KEYS', []);
  if (apiKeys.length > 0 && apiKeyHeader === undefined) reader.fail('RATE_LIMIT_API_KEYS needs RATE_LIMIT_KEY_HEADER');
  if (apiKeyHeader !== undefined && !/^[a-z0-9-]{1,64}$/.test(apiKeyHeader)) {
    reader.fail(`RATE_LIMIT_KEY_HEADER must be an HTTP header name, got "${apiKeyHeader}"`);
  }
  return {
    enabled: reader.bool('RATE_LIMIT_ENABLED', true),
    limit: reader.int('RATE_LIMIT_REQUESTS', { default: 30, min: 1, max: 1_000_000 }),
    windowMs: reader.int('RATE_LIMIT_WINDOW_SECONDS', { default: 60, min: 1, max: 86_400 }) * 1000,
    apiKeyHeader,
    apiKeys,
  };
}
