// Pure builders of DocConversion status for each lifecycle step. They start from the current
// status so unrelated fields survive, always report observedGeneration, and keep the
// Succeeded condition's lastTransitionTime unless its status flips.
import { CONDITION_SUCCEEDED, DEFAULT_RETRIES, REASONS } from '../../api/constants.ts';
import type { Reason } from '../../api/constants.ts';
import type { DocConversion, DocConversionResult, DocConversionStatus } from '../../api/docconversion.generated.ts';
import { setCondition } from './conditions.ts';
import { canonicalJson } from '../../../common/canonical-json.ts';

type ConditionStatus = 'True' | 'False' | 'Unknown';

function withCondition(
  object: DocConversion,
  next: Partial<DocConversionStatus>,
  condition: { status: ConditionStatus; reason: Reason; message: string },
  now: Date,
): DocConversionStatus {
  const current = object.status ?? {};
  const observedGeneration = object.metadata?.generation;
  return {
    ...current,
    ...next,
    observedGeneration,
    conditions: setCondition(current.conditions, { type: CONDITION_SUCCEEDED, observedGeneration, ...condition }, now),
  };
}

export function totalAttempts(object: DocConversion): number {
  return (object.spec.retries ?? DEFAULT_RETRIES) + 1;
}

export const PENDING_NO_SLOT = 'Waiting for a free dispatch slot in the converter pool';
export const PENDING_NO_READY_POD = 'Waiting for the converter pool: no converter pod is ready';

export function pendingStatus(object: DocConversion, now: Date, noReadyPods = false): DocConversionStatus {
  const message = noReadyPods ? PENDING_NO_READY_POD : PENDING_NO_SLOT;
  return withCondition(object, { phase: 'Pending' }, { status: 'Unknown', reason: REASONS.pending, message }, now);
}

export function runningStatus(object: DocConversion, attempt: number, jobId: string, now: Date): DocConversionStatus {
  const message = `Attempt ${attempt} of ${totalAttempts(object)} dispatched to the converter pool`;
  const startTime = object.status?.startTime ?? now.toISOString();
  return withCondition(
    object,
    { phase: 'Running', attempts: attempt, jobId, startTime },
    { status: 'Unknown', reason: REASONS.running, message },
    now,
  );
}

export interface RetryInfo {
  reason: Reason;
  message: string;
  retryAt: Date;
  attempt: number;
  jobId: string;
}

export function retryingStatus(object: DocConversion, retry: RetryInfo, now: Date): DocConversionStatus {
  const message =
    `Attempt ${retry.attempt} of ${totalAttempts(object)} failed (${retry.reason}): ${retry.message}; ` +
    `next attempt at ${retry.retryAt.toISOString()}`;
  const startTime = object.status?.startTime ?? now.toISOString();
  return withCondition(
    object,
    { phase: 'Running', attempts: retry.attempt, jobId: retry.jobId, startTime },
    { status: 'Unknown', reason: REASONS.retrying, message },
    now,
  );
}

interface Finish {
  attempt: number;
  jobId: string;
}

export function succeededStatus(object: DocConversion, result: DocConversionResult, finish: Finish, now: Date): DocConversionStatus {
  const startTime = object.status?.startTime ?? now.toISOString();
  const completionTime = now.toISOString();
  const files = result.files === undefined ? 'the output' : `${result.files} files`;
  return withCondition(
    object,
    {
      phase: 'Succeeded',
      attempts: finish.attempt,
      jobId: finish.jobId,
      startTime,
      completionTime,
      duration: formatDuration(startTime, completionTime),
      result,
    },
    { status: 'True', reason: REASONS.converted, message: `Converted the archive into ${files}` },
    now,
  );
}

export function failedStatus(
  object: DocConversion,
  failure: { reason: Reason; message: string; attempt: number },
  now: Date,
): DocConversionStatus {
  const startTime = object.status?.startTime ?? now.toISOString();
  const completionTime = now.toISOString();
  return withCondition(
    object,
    { phase: 'Failed', attempts: failure.attempt, startTime, completionTime, duration: formatDuration(startTime, completionTime) },
    { status: 'False', reason: failure.reason, message: failure.message },
    now,
  );
}

/** "45s", "2m5s", "1h0m3s": the printer column's compact form. */
export function formatDuration(fromIso: string, toIso: string): string {
  const total = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** Stable JSON, so two statuses compare equal whatever their key order. */
export function sameStatus(a: DocConversionStatus | undefined, b: DocConversionStatus | undefined): boolean {
  return canonicalJson(a ?? {}) === canonicalJson(b ?? {});
}
