// Outbound HTTP settings (job sources and output uploads) read by the converter's loadConfig().
import type { EnvReader } from '../../common/config.ts';
import { invalidAllowEntries } from './address-policy.ts';
import type { DownloadLimits } from './download.ts';
import type { UploadPolicy } from './upload.ts';

export interface FetchConfig {
  /** CIDRs or host names jobs may reach although they are private/loopback (e.g. in-cluster MinIO). */
  allowList: string[];
  download: DownloadLimits;
  upload: Omit<UploadPolicy, 'sleep'>;
}

const MIB = 1024 * 1024;

export function readFetchConfig(reader: EnvReader): FetchConfig {
  const allowList = reader.list('OUTBOUND_ALLOW_LIST', []);
  const invalid = invalidAllowEntries(allowList);
  if (invalid.length > 0)
    reader.fail(`OUTBOUND_ALLOW_LIST has entries that are neither CIDRs nor host names (optionally with :port): ${invalid.join(', ')}`);
  return {
    allowList,
    download: {
      maxBytes: reader.int('SOURCE_MAX_BYTES', { default: 100 * MIB, min: 1, max: 4096 * MIB }),
      timeoutMs: reader.int('SOURCE_TIMEOUT_MS', { default: 60_000, min: 100, max: 3_600_000 }),
      maxRedirects: reader.int('SOURCE_MAX_REDIRECTS', { default: 5, min: 0, max: 20 }),
    },
    upload: {
      maxBytes: reader.int('OUTPUT_UPLOAD_MAX_BYTES', { default: 512 * MIB, min: 1, max: 4096 * MIB }),
      timeoutMs: reader.int('OUTPUT_UPLOAD_TIMEOUT_MS', { default: 60_000, min: 100, max: 3_600_000 }),
      retries: reader.int('OUTPUT_UPLOAD_RETRIES', { default: 3, min: 0, max: 10 }),
      backoffMs: reader.int('OUTPUT_UPLOAD_BACKOFF_MS', { default: 500, min: 0, max: 60_000 }),
    },
  };
}
