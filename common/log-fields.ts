// The one catalogue of the fields our code logs. A log call or child logger names its fields with
// these constants only (`logger.info('Dispatched conversion', { [LOG.jobId]: id })`); a test scans
// the sources for any other key. Values are dotted ECS paths: the logger nests them
// (common/nested-fields.ts), so every line is written as nested objects, and two calls (or a call
// and its child logger) that add fields under the same parent merge instead of replacing each
// other. Standard ECS fields where ECS has one; everything of ours under `docc2context.` with
// snake_case leaves. No field is the parent of another (a scalar and an object cannot share a name).
// Documented in docs/operations.md ("Log fields").

export const LOG = {
  // ECS standard fields.
  /** The request id (X-Request-Id) on every line of a converter request. */
  traceId: 'trace.id',
  /** What happened, as a short kebab-case verb phrase (`redis-up`, `rate-limited`). */
  eventAction: 'event.action',
  /** Why it happened (a shutdown's signal). */
  eventReason: 'event.reason',
  /** How long it took, in nanoseconds as ECS says (`nanoseconds(ms)`). */
  eventDuration: 'event.duration',
  /** `success`, `failure` or `unknown` (ECS's values). */
  eventOutcome: 'event.outcome',
  /**
   * An Error object: the ECS formatter (@elastic/ecs-winston-format) turns this input key into
   * `error.type`, `error.message`, `error.stack_trace` (and `error.cause`, plus the error's own
   * enumerable properties such as `code`). Not written as `err`.
   */
  error: 'err',
  /** Our error code (`error.code`), when there is no Error object to log. */
  errorCode: 'error.code',
  /** An error's message, when the Error object itself is not logged. */
  errorMessage: 'error.message',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  clientIp: 'client.ip',
  httpRequestId: 'http.request.id',
  httpRequestMethod: 'http.request.method',
  httpResponseStatusCode: 'http.response.status_code',
  httpResponseBodyBytes: 'http.response.body.bytes',
  urlPath: 'url.path',
  urlQuery: 'url.query',
  /** A URL the line is about (the operator's converter URL). */
  urlFull: 'url.full',
  userAgent: 'user_agent.original',
  /** The Kubernetes API server the operator talks to. */
  orchestratorClusterUrl: 'orchestrator.cluster.url',
  /** The namespace of the Kubernetes object a line (a reconcile) is about. */
  orchestratorNamespace: 'orchestrator.namespace',
  /** The name of the Kubernetes object a line (a reconcile) is about. */
  orchestratorResourceName: 'orchestrator.resource.name',
  /** Its kind (`DocConversion`, `Deployment`, …). */
  orchestratorResourceType: 'orchestrator.resource.type',

  // Ours, under docc2context.
  /** The Express route template of a request (`/api/v1/jobs/:id`). */
  route: 'docc2context.route',
  /** A conversion job's id (the converter's job API; the operator's job for a DocConversion). */
  jobId: 'docc2context.job.id',
  /** The converter job's state when an operator attempt settled. */
  jobState: 'docc2context.job.state',
  /** The ids a draining job API finished, and those it handed back to other pods. */
  jobsFinished: 'docc2context.jobs.finished',
  jobsHandedBack: 'docc2context.jobs.handed_back',
  /** One id per reconcile: every line of one reconcile carries it (a child logger). */
  reconcileId: 'docc2context.reconcile.id',
  /** The work-queue key being reconciled (`namespace/name`). */
  reconcileKey: 'docc2context.reconcile.key',
  controller: 'docc2context.controller',
  /** Worker count (the converter's engine workers; an operator controller's reconcile workers). */
  workers: 'docc2context.workers',
  queueSize: 'docc2context.queue_size',
  /** The dispatch attempt number of a DocConversion. */
  attempt: 'docc2context.attempt',
  /** How often a running attempt was interrupted and re-dispatched. */
  interruptions: 'docc2context.interruptions',
  statusPhase: 'docc2context.status.phase',
  statusAttempts: 'docc2context.status.attempts',
  conversionEngine: 'docc2context.conversion.engine',
  conversionFiles: 'docc2context.conversion.files',
  conversionBytes: 'docc2context.conversion.bytes',
  conversionUploadBytes: 'docc2context.conversion.upload_bytes',
  /** The number of warnings a conversion gave (a count, never the list). */
  conversionWarnings: 'docc2context.conversion.warnings',
  conversionCacheHit: 'docc2context.conversion.cache_hit',
  /** Where a job delivered its result (`location.kind`). */
  conversionLocationKind: 'docc2context.conversion.location_kind',
  engineName: 'docc2context.engine.name',
  engineAvailable: 'docc2context.engine.available',
  engineBinaryDetected: 'docc2context.engine.binary_detected',
  engineBinaryPath: 'docc2context.engine.binary_path',
  memoryLimitBytes: 'docc2context.memory.limit_bytes',
  memoryWorkerMaxHeapMb: 'docc2context.memory.worker_max_heap_mb',
  memoryMaxOutputBytes: 'docc2context.memory.max_output_bytes',
  workspacesRemoved: 'docc2context.workspaces.removed',
  shutdownGraceMs: 'docc2context.shutdown.grace_ms',
  shutdownDelayMs: 'docc2context.shutdown.delay_ms',
  /** How a rate-limited client was told apart when it has no IP to show (`api-key`). */
  clientKind: 'docc2context.client.kind',
  rateLimitScope: 'docc2context.rate_limit.scope',
  rateLimitLimit: 'docc2context.rate_limit.limit',
  rateLimitWindowSeconds: 'docc2context.rate_limit.window_seconds',
  storeKey: 'docc2context.store.key',
  poolName: 'docc2context.pool.name',
  /** The operator Deployment a pool is owned by, when it was not found. */
  poolOwnerDeployment: 'docc2context.pool.owner_deployment',
  probePort: 'docc2context.probe_port',
  metricsPort: 'docc2context.metrics_port',
  informer: 'docc2context.informer',
  informerRestartDelayMs: 'docc2context.informer_restart_delay_ms',
  leaseName: 'docc2context.lease.name',
  leaseIdentity: 'docc2context.lease.identity',
  /** The reason of a Kubernetes Event the operator could not write. */
  kubeEventReason: 'docc2context.kube_event.reason',
} as const;

export type LogField = (typeof LOG)[keyof typeof LOG];

/** ECS `event.duration` is in nanoseconds; our clocks count milliseconds. */
export function nanoseconds(milliseconds: number): number {
  return Math.round(milliseconds * 1e6);
}
