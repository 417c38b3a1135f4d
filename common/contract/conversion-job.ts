// The dispatch contract: request and response of the converter's job API
// (POST /api/v1/conversions), defined once and imported by both converter and operator.
import type { ErrorCode } from './errors.ts';

export type Profile = 'rich' | 'swift-compat';
export type SymbolLayout = 'tree' | 'single';
export type TutorialLayout = 'chapter' | 'single';
export type EngineName = 'builtin' | 'swift';

export interface ConversionOptions {
  profile?: Profile;
  symbolLayout?: SymbolLayout;
  tutorialLayout?: TutorialLayout;
  technologies?: string[];
  /** rich only: YAML front matter at the top of every page. */
  frontMatter?: boolean;
}

export type JobSource = { url: string; sha256?: string } | { inline: string };

export type JobOutput = { retain: { ttlSeconds?: number } } | { url: string } | { return: true };

export interface ConversionJobRequest {
  /** Idempotency key: the operator sends `<namespace>/<name>/<uid>`-derived ids. */
  id: string;
  source: JobSource;
  options?: ConversionOptions;
  output?: JobOutput;
  /** Upper bound for this job; the pod's own conversion timeout still applies. */
  timeoutSeconds?: number;
}

export type JobState = 'running' | 'succeeded' | 'failed';

export interface ConversionCounts {
  volumes: number;
  chapters: number;
  articles: number;
  symbols: number;
  tutorials: number;
}

/**
 * Where a job's result went, tagged by `kind` (the job API's lower-case tags). The DocConversion
 * reports the same place as `status.result.location.type` in Kubernetes casing (`Retained`, `URL`,
 * or `ConfigMap` for a result the operator delivered itself from `inline`).
 */
export type ResultLocation =
  { kind: 'retained'; path: string; expiresAt: string } | { kind: 'url'; url: string } | { kind: 'inline'; zipBase64: string };

export interface JobError {
  code: ErrorCode;
  message: string;
  /** True when retrying cannot help (bad archive, bad spec). */
  permanent: boolean;
}

/**
 * The result of one successful conversion: the one vocabulary from the runner to the job status
 * (the DocConversion's `status.result` carries the same names). `warnings` is always the list;
 * only the DocConversion status, which must stay small, reports their count.
 */
export interface ConversionResult {
  engine: EngineName;
  /** Number of files in the result zip. */
  files: number;
  /** Size of the result zip in bytes. */
  bytes: number;
  /** SHA-256 (hex) of the result zip. */
  sha256: string;
  /** Pages written by kind. */
  counts: ConversionCounts;
  /** Human-readable warnings: pages skipped or degraded, in a stable order. */
  warnings: string[];
  /** Time the conversion took, in milliseconds (a cache hit replays the original conversion's). */
  durationMs: number;
}

/** A job's status: on success it carries the ConversionResult's fields, flat (wire shape of the job API). */
export interface ConversionJobStatus extends Partial<Omit<ConversionResult, 'durationMs'>> {
  id: string;
  state: JobState;
  /** Wall time of the whole job (source, conversion or cache hit, delivery), in milliseconds. */
  durationMs?: number;
  /** True when the result came from the content-addressed cache. */
  cacheHit?: boolean;
  location?: ResultLocation;
  error?: JobError;
  startedAt: string;
  finishedAt?: string;
}

/** What an absent option means for the converter service, the job API and the operator. */
export const SERVICE_DEFAULT_OPTIONS = Object.freeze({
  profile: 'rich' as Profile,
  symbolLayout: 'tree' as SymbolLayout,
  tutorialLayout: 'chapter' as TutorialLayout,
});

export type ResolvedConversionOptions = Required<ConversionOptions>;

/** Fills absent options with the service defaults, so equal requests look equal (cache keys). */
export function resolveOptions(options: ConversionOptions): ResolvedConversionOptions {
  return {
    profile: options.profile ?? SERVICE_DEFAULT_OPTIONS.profile,
    symbolLayout: options.symbolLayout ?? SERVICE_DEFAULT_OPTIONS.symbolLayout,
    tutorialLayout: options.tutorialLayout ?? SERVICE_DEFAULT_OPTIONS.tutorialLayout,
    technologies: [...(options.technologies ?? [])],
    frontMatter: options.frontMatter ?? false,
  };
}

/**
 * Why these options cannot go together, or undefined: front matter is rich's, the tutorial layout
 * swift-compat's (rich renders every tutorial one way). Checked by the HTTP API, the job API and
 * the CRD's validation rules alike; the CLI says the same in its own words.
 */
export function optionConflict(options: ConversionOptions): string | undefined {
  const profile = options.profile ?? SERVICE_DEFAULT_OPTIONS.profile;
  if (options.frontMatter === true && profile !== 'rich') return 'frontMatter applies to the rich profile only.';
  if (options.tutorialLayout !== undefined && profile === 'rich') return 'tutorialLayout applies to the swift-compat profile only.';
  return undefined;
}

/**
 * The engine that serves a profile on a pod whose primary engine is `podEngine`: the Swift CLI
 * only writes swift-compat output, so rich output always comes from the builtin engine. This keeps
 * the bytes of a request independent of whether the pod has the Swift binary.
 */
export function engineForProfile(profile: Profile, podEngine: EngineName): EngineName {
  return profile === 'swift-compat' ? podEngine : 'builtin';
}
