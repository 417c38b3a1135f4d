// Names the operator shares with the CRD, the chart and kubectl users: API coordinates,
// condition types and reasons, the finalizer, label keys and the field manager. One file,
// so a reason or label is never spelled twice (test/operator/api/constants.test.ts checks
// the enums against crds/docconversion.yaml).

export const GROUP = 'docc2context.io';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = 'DocConversion';
export const LIST_KIND = 'DocConversionList';
export const PLURAL = 'docconversions';
export const SINGULAR = 'docconversion';
export const SHORT_NAME = 'dconv';
export const CRD_NAME = `${PLURAL}.${GROUP}`;

/** status.phase values, in lifecycle order. */
export const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;
export type Phase = (typeof PHASES)[number];
export const TERMINAL_PHASES: ReadonlySet<Phase> = new Set<Phase>(['Succeeded', 'Failed']);

/** Condition types. `Succeeded` is the summary condition (`kubectl wait --for=condition=Succeeded`). */
export const CONDITION_SUCCEEDED = 'Succeeded';
export const CONDITION_TYPES = [CONDITION_SUCCEEDED] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export const CONDITION_STATUSES = ['True', 'False', 'Unknown'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/**
 * Reasons of the Succeeded condition and of Events: UpperCamelCase, stable for automation.
 * Pending/Running go with status Unknown, Converted with True, the rest with False
 * (except Retrying, an Unknown while a transient failure waits for its next attempt).
 */
export const REASONS = {
  pending: 'Pending',
  running: 'Running',
  retrying: 'Retrying',
  converted: 'Converted',
  invalidArchive: 'InvalidArchive',
  invalidSpec: 'InvalidSpec',
  sourceUnreachable: 'SourceUnreachable',
  sourceNotFound: 'SourceNotFound',
  checksumMismatch: 'ChecksumMismatch',
  timedOut: 'TimedOut',
  retriesExhausted: 'RetriesExhausted',
  outputTooLarge: 'OutputTooLarge',
  outputFailed: 'OutputFailed',
  converterUnavailable: 'ConverterUnavailable',
  deleted: 'Deleted',
} as const;
export type Reason = (typeof REASONS)[keyof typeof REASONS];

/** Event types (core/v1 and events.k8s.io/v1). */
export const EVENT_NORMAL = 'Normal';
export const EVENT_WARNING = 'Warning';

/** Removes the retained result from the pool before the DocConversion goes away. */
export const FINALIZER = 'docc2context.io/cleanup';

/** The server-side-apply field manager of every write the operator makes. */
export const FIELD_MANAGER = 'docc2context-operator';

/** The controller name in metrics labels and logs. */
export const CONTROLLER_NAME = 'docconversion';

/** Label keys the operator sets on objects it creates. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  version: 'app.kubernetes.io/version',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  /** On outputs (ConfigMaps) written for a DocConversion: its name. */
  docConversion: 'docc2context.io/docconversion',
} as const;

export const PART_OF = 'docc2context';
export const MANAGED_BY = FIELD_MANAGER;

/** Spec defaults, mirrored from the CRD (a test keeps them equal). */
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_RETRIES = 2;

/** A configMap output holds at most this many bytes of files (the etcd object limit leaves headroom). */
export const CONFIGMAP_OUTPUT_MAX_BYTES = 1024 * 1024;
