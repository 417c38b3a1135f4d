// The converter's configuration: every environment variable it reads, parsed and validated once
// (all problems reported together), frozen. Documented variable by variable in docs/configuration.md.
import os from 'node:os';
import { EnvReader, type Env } from '../common/config.ts';
import { LOG_LEVELS, type LogLevel } from '../common/logger.ts';
import type { ArchiveLimits } from './archive/types.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './archive/types.ts';
import { readFetchConfig, type FetchConfig } from './fetch/config.ts';
import { readJobsConfig, type JobsConfig } from './jobs/config.ts';
import { readMemoryConfig, type DetectedLimits, type MemoryConfig } from './memory/config.ts';
import { readRateLimitConfig, type RateLimitConfig } from './ratelimit/config.ts';
import { readStoreConfig, type StoreConfig } from './store/config.ts';

export const ENGINE_CHOICES = ['auto', 'builtin', 'swift'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

const MIB = 1024 * 1024;

export interface ConverterConfig {
  host: string;
  port: number;
  serviceName: string;
  serviceVersion: string;
  limits: ArchiveLimits;
  conversionTimeoutMs: number;
  /** Node's http requestTimeout: the whole request, upload included, must finish within it. */
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  /** After SIGTERM: how long the listener stays open (readiness 503) before it closes. */
  shutdownDelayMs: number;
  /** Seconds clients are told to wait in Retry-After on 503. */
  retryAfterSeconds: number;
  workers: number;
  queueSize: number;
  engine: EngineChoice;
  swiftBinary: string;
  workspaceBaseDir: string;
  workspacePrefix: string;
  logLevel: LogLevel;
  elasticsearch?: { url: string; index: string };
  corsOrigins: string[];
  /** Express "trust proxy" setting: false, a hop count, or a list of addresses/subnets. */
  trustProxy: boolean | number | string[];
  /** Redis (or memory) store and result cache: converter/store/config.ts. */
  store: StoreConfig;
  /** Job API: converter/jobs/config.ts. */
  jobs: JobsConfig;
  /** Outbound HTTP of jobs (SSRF policy, caps): converter/fetch/config.ts. */
  fetch: FetchConfig;
  rateLimit: RateLimitConfig;
  /** Memory budget, worker heap cap, output cap: converter/memory/config.ts. */
  memory: MemoryConfig;
}

/** `detected`: what main.ts found about the container (the cgroup memory limit); tests pass none. */
export function loadConfig(env: Env, detected: DetectedLimits = {}): Readonly<ConverterConfig> {
  const normalized = { ...env, LOG_LEVEL: env.LOG_LEVEL?.toLowerCase() };
  const reader = new EnvReader(normalized);
  const limits = readLimits(reader);
  const conversionTimeoutMs = reader.int('CONVERSION_TIMEOUT_SECONDS', { default: 60, min: 1, max: 3600 }) * 1000;
  const requestTimeoutMs = reader.int('REQUEST_TIMEOUT_SECONDS', { default: 300, min: 1, max: 7200 }) * 1000;
  if (requestTimeoutMs <= conversionTimeoutMs) {
    reader.fail('REQUEST_TIMEOUT_SECONDS must be greater than CONVERSION_TIMEOUT_SECONDS');
  }
  const esUrl = reader.url('ELASTICSEARCH_URL');
  const esIndex = reader.string('ELASTICSEARCH_INDEX_PREFIX', 'docc2context-converter');
  const workers = reader.int('WORKERS', { default: 2, min: 1, max: 256 });
  return reader.done({
    host: reader.string('HOST', '0.0.0.0'),
    port: reader.int('PORT', { default: 8080, min: 0, max: 65535 }),
    serviceName: reader.string('SERVICE_NAME', 'docc2context-converter'),
    serviceVersion: reader.string('SERVICE_VERSION', '0.1.0'),
    limits,
    conversionTimeoutMs,
    requestTimeoutMs,
    shutdownGraceMs: reader.int('SHUTDOWN_GRACE_SECONDS', { default: 25, min: 0, max: 3600 }) * 1000,
    shutdownDelayMs: reader.int('SHUTDOWN_DELAY_SECONDS', { default: 5, min: 0, max: 600 }) * 1000,
    retryAfterSeconds: reader.int('RETRY_AFTER_SECONDS', { default: 5, min: 1, max: 3600 }),
    workers,
    queueSize: reader.int('QUEUE_SIZE', { default: 8, min: 0, max: 10_000 }),
    engine: reader.oneOf('ENGINE', ENGINE_CHOICES, 'auto'),
    swiftBinary: reader.string('SWIFT_CLI_PATH', 'docc2context'),
    workspaceBaseDir: reader.string('WORKSPACE_BASE_PATH', os.tmpdir()),
    workspacePrefix: readPrefix(reader),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    elasticsearch: esUrl === undefined ? undefined : { url: esUrl, index: esIndex },
    corsOrigins: readOrigins(reader),
    trustProxy: readTrustProxy(reader),
    store: readStoreConfig(reader),
    jobs: readJobsConfig(reader),
    fetch: readFetchConfig(reader),
    rateLimit: readRateLimitConfig(reader),
    memory: readMemoryConfig(reader, workers, detected),
  });
}

function readLimits(reader: EnvReader): ArchiveLimits {
  const d = DEFAULT_ARCHIVE_LIMITS;
  return {
    maxUploadBytes: reader.int('MAX_UPLOAD_SIZE_MB', { default: d.maxUploadBytes / MIB, min: 1, max: 10_240 }) * MIB,
    maxUncompressedBytes: reader.int('MAX_DECOMPRESSED_SIZE_MB', { default: d.maxUncompressedBytes / MIB, min: 1, max: 102_400 }) * MIB,
    maxCompressionRatio: reader.int('MAX_COMPRESSION_RATIO', { default: d.maxCompressionRatio, min: 1, max: 1000 }),
    maxEntries: reader.int('MAX_ARCHIVE_ENTRIES', { default: d.maxEntries, min: 1, max: 1_000_000 }),
    maxPathDepth: reader.int('MAX_PATH_DEPTH', { default: d.maxPathDepth, min: 1, max: 1024 }),
    maxNameLength: reader.int('MAX_NAME_LENGTH', { default: d.maxNameLength, min: 1, max: 4096 }),
    ratioFloorBytes: d.ratioFloorBytes,
  };
}

function readPrefix(reader: EnvReader): string {
  const prefix = reader.string('WORKSPACE_PREFIX', 'docc2context');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(prefix)) {
    reader.fail(`WORKSPACE_PREFIX must be letters, digits, "-" or "_" (at most 64), got "${prefix}"`);
  }
  return prefix;
}

function readOrigins(reader: EnvReader): string[] {
  const origins = reader.list('CORS_ORIGINS', []);
  for (const origin of origins) {
    // A wildcard would let any site read results; name every origin instead.
    if (!/^https?:\/\/[^/\s*]+$/.test(origin))
      reader.fail(`CORS_ORIGINS entries must be origins like https://example.com, got "${origin}"`);
  }
  return origins;
}

function readTrustProxy(reader: EnvReader): boolean | number | string[] {
  const raw = reader.optionalString('TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return reader.list('TRUST_PROXY', []);
}
