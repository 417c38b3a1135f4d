// `operator --help`: every setting the operator reads, as its variable and flag with one line
// each. The list is OPERATOR_VARIABLES itself, so a variable added to config.ts shows up here on
// its own; one without a description here points to the full table in the docs.
import { OPERATOR_VARIABLES, flagFor } from './config.ts';

type OperatorVariable = (typeof OPERATOR_VARIABLES)[number];
export type Descriptions = Partial<Record<string, string>>;

const DOCS = 'docs/configuration-operator.md';

const DESCRIPTIONS: Partial<Record<OperatorVariable, string>> = {
  CONVERTER_URL: 'Base URL of the converter job API; unset: the Service of the pool',
  KUBECONFIG: 'Kubeconfig to use; unset: in-cluster, else ~/.kube/config',
  POD_NAMESPACE: 'Namespace the operator runs in (pool and lease live here; default docc2context-system)',
  WATCH_NAMESPACES: 'Comma-separated namespaces whose DocConversions are reconciled; empty: all',
  DISPATCH_CONCURRENCY: 'Conversions in flight at once against the pool (default 16)',
  MAX_CONCURRENT_RECONCILES: 'Reconcile workers (default 4)',
  WORKQUEUE_QPS: 'Overall rate of requeued keys (default 10)',
  WORKQUEUE_BURST: 'Burst of the requeue rate limiter (default 100)',
  LEADER_ELECT: 'Elect one working replica through a Lease (default true)',
  LEADER_ELECTION_ID: 'Name of the Lease (default docc2context-operator)',
  LEADER_ELECTION_NAMESPACE: 'Namespace of the Lease (default POD_NAMESPACE)',
  LEADER_ELECTION_IDENTITY: "This replica's identity in the Lease (default POD_NAME, else the host name)",
  LEADER_ELECTION_LEASE_DURATION_SECONDS: "How long a standby waits after the leader's last renewal (default 15)",
  LEADER_ELECTION_RENEW_DEADLINE_SECONDS: 'How long the leader keeps trying to renew (default 10)',
  LEADER_ELECTION_RETRY_PERIOD_SECONDS: 'How often candidates retry and the leader renews (default 2)',
  LEADER_ELECTION_RELEASE_ON_STOP: 'Release the Lease on shutdown so a standby takes over at once (default true)',
  PROBE_PORT: 'Port of /healthz and /readyz (default 8081)',
  METRICS_PORT: 'Port of /metrics (default 8080)',
  LOG_LEVEL: 'error, warn, info or debug (default info)',
  FINALIZER_TIMEOUT_SECONDS: 'How long deletion waits for the pool to drop a retained result (default 300)',
  DEFAULT_RETAIN_TTL_SECONDS: 'Retention of results whose spec.output.retain.ttlSeconds is unset (default 86400)',
};

/** True when any argument asks for help, whatever the others are (as the Swift CLI does). */
export function isHelpRequest(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--help' || arg === '-h');
}

/** The help text: usage, then per variable a `--flag  VARIABLE` line and its one-line description. */
export function renderHelp(variables: readonly string[] = OPERATOR_VARIABLES, descriptions: Descriptions = DESCRIPTIONS): string {
  const lines = variables.flatMap((variable) => [
    `  ${flagFor(variable)}  ${variable}`,
    `      ${descriptions[variable] ?? `see ${DOCS}`}`,
  ]);
  return [
    'docc2context operator: reconciles DocConversion resources and dispatches them to the converter pool.',
    '',
    'usage: operator [--help] [--flag=value | --flag value | --boolean-flag]...',
    '',
    'Every setting is an environment variable; each also has a flag, and a flag wins over the variable.',
    `Invalid settings stop the operator with exit code 2, naming every bad setting. Details: ${DOCS}.`,
    '',
    ...lines,
    '',
  ].join('\n');
}
