// The operator's configuration, parsed once from the environment and command-line flags.
// Every setting is an environment variable; each also has a flag spelled as its kebab-case
// (CONVERTER_URL ↔ --converter-url), and a flag wins over the variable. All problems are
// reported at once; the result is frozen. Documented in docs/configuration-operator.md.
import { hostname } from 'node:os';
import { ConfigError, EnvReader, type Env } from '../common/config.ts';
import { LOG_LEVELS, type LogLevel } from '../common/logger.ts';
import { POOL_VARIABLES, readPoolConfig, type PoolConfig } from './pool/config.ts';

export interface LeaderElectionSettings {
  enabled: boolean;
  /** Lease name. */
  name: string;
  namespace: string;
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  releaseOnStop: boolean;
}

export interface OperatorConfig {
  /** Converter job API base URL; unset: the Service of the pool the operator manages. */
  converterUrl?: string;
  /** Kubeconfig path; unset: in-cluster config, else the default kubeconfig. */
  kubeconfig?: string;
  /** Namespace the operator runs in (its pool, lease and defaults live here). */
  namespace: string;
  /** Namespaces whose DocConversions are reconciled; empty means all. */
  watchNamespaces: string[];
  /** Conversions in flight at once against the pool. */
  dispatchConcurrency: number;
  /** Reconcile workers (controller-runtime's MaxConcurrentReconciles). */
  maxConcurrentReconciles: number;
  workQueue: { qps: number; burst: number };
  leaderElection: LeaderElectionSettings;
  probePort: number;
  metricsPort: number;
  logLevel: LogLevel;
  /** How long deletion waits for the pool to drop a retained result before removing the finalizer anyway. */
  finalizerTimeoutSeconds: number;
  /** Retention of `output.retain` results without their own ttlSeconds. */
  defaultRetainTtlSeconds: number;
  /** Name of the converter pool's objects (its Service is the default CONVERTER_URL when the pool is off). */
  poolName: string;
  /** The converter pool the operator builds and keeps converged; undefined when pool management is off. */
  pool?: PoolConfig;
}

export const OPERATOR_VARIABLES = [
  'CONVERTER_URL',
  'KUBECONFIG',
  'POD_NAMESPACE',
  'WATCH_NAMESPACES',
  'DISPATCH_CONCURRENCY',
  'MAX_CONCURRENT_RECONCILES',
  'WORKQUEUE_QPS',
  'WORKQUEUE_BURST',
  'LEADER_ELECT',
  'LEADER_ELECTION_ID',
  'LEADER_ELECTION_NAMESPACE',
  'LEADER_ELECTION_IDENTITY',
  'LEADER_ELECTION_LEASE_DURATION_SECONDS',
  'LEADER_ELECTION_RENEW_DEADLINE_SECONDS',
  'LEADER_ELECTION_RETRY_PERIOD_SECONDS',
  'LEADER_ELECTION_RELEASE_ON_STOP',
  'PROBE_PORT',
  'METRICS_PORT',
  'LOG_LEVEL',
  'FINALIZER_TIMEOUT_SECONDS',
  'DEFAULT_RETAIN_TTL_SECONDS',
  ...POOL_VARIABLES,
] as const;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const BOOLEAN_FLAGS = new Set([
  'LEADER_ELECT',
  'LEADER_ELECTION_RELEASE_ON_STOP',
  'POOL_ENABLED',
  'POOL_NETWORK_POLICY',
  'POOL_SERVICE_MONITOR',
  'POOL_HPA_ENABLED',
]);

export const flagFor = (variable: string): string => `--${variable.toLowerCase().replaceAll('_', '-')}`;
const variableFor = (flag: string): string => flag.replace(/^--/, '').toUpperCase().replaceAll('-', '_');

/** Flags as environment variables: `--name=value`, `--name value`, or a bare boolean `--name`. */
export function flagsToEnv(argv: readonly string[]): { env: Record<string, string>; problems: string[] } {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const variable = variableFor(flag);
    if (!flag.startsWith('--') || !(OPERATOR_VARIABLES as readonly string[]).includes(variable)) {
      problems.push(`unknown argument "${argv[i]}"`);
      continue;
    }
    const takesNext = inline === undefined && !BOOLEAN_FLAGS.has(variable) && i + 1 < argv.length;
    const value = inline ?? (takesNext ? argv[++i] : BOOLEAN_FLAGS.has(variable) ? 'true' : undefined);
    if (value === undefined) problems.push(`${flag} needs a value`);
    else env[variable] = value;
  }
  return { env, problems };
}

function leaderElection(reader: EnvReader, namespace: string, env: Env): LeaderElectionSettings {
  const seconds = (name: string, fallback: number, max: number): number => reader.int(name, { default: fallback, min: 1, max }) * 1000;
  const settings: LeaderElectionSettings = {
    enabled: reader.bool('LEADER_ELECT', true),
    name: reader.string('LEADER_ELECTION_ID', 'docc2context-operator'),
    namespace: reader.string('LEADER_ELECTION_NAMESPACE', namespace),
    identity: reader.optionalString('LEADER_ELECTION_IDENTITY') ?? env.POD_NAME?.trim() ?? hostname(),
    leaseDurationMs: seconds('LEADER_ELECTION_LEASE_DURATION_SECONDS', 15, 3600),
    renewDeadlineMs: seconds('LEADER_ELECTION_RENEW_DEADLINE_SECONDS', 10, 3600),
    retryPeriodMs: seconds('LEADER_ELECTION_RETRY_PERIOD_SECONDS', 2, 3600),
    releaseOnStop: reader.bool('LEADER_ELECTION_RELEASE_ON_STOP', true),
  };
  if (settings.renewDeadlineMs >= settings.leaseDurationMs) {
    reader.fail('LEADER_ELECTION_RENEW_DEADLINE_SECONDS must be less than LEADER_ELECTION_LEASE_DURATION_SECONDS');
  }
  if (settings.retryPeriodMs * 1.2 >= settings.renewDeadlineMs) {
    reader.fail('LEADER_ELECTION_RETRY_PERIOD_SECONDS × 1.2 must be less than LEADER_ELECTION_RENEW_DEADLINE_SECONDS');
  }
  return settings;
}

/** Parses env + argv (flags win); throws one ConfigError naming every bad setting. */
export function loadConfig(env: Env, argv: readonly string[] = []): Readonly<OperatorConfig> {
  const flags = flagsToEnv(argv);
  const merged: Env = { ...env, ...flags.env };
  const reader = new EnvReader(merged);
  for (const problem of flags.problems) reader.fail(problem);
  const namespace = reader.string('POD_NAMESPACE', 'docc2context-system');
  const converterUrl = reader.url('CONVERTER_URL');
  const config: OperatorConfig = {
    converterUrl,
    kubeconfig: reader.optionalString('KUBECONFIG'),
    namespace,
    watchNamespaces: [...new Set(reader.list('WATCH_NAMESPACES', []))],
    dispatchConcurrency: reader.int('DISPATCH_CONCURRENCY', { default: 16, min: 1, max: 1000 }),
    maxConcurrentReconciles: reader.int('MAX_CONCURRENT_RECONCILES', { default: 4, min: 1, max: 100 }),
    workQueue: {
      qps: reader.int('WORKQUEUE_QPS', { default: 10, min: 1, max: 10_000 }),
      burst: reader.int('WORKQUEUE_BURST', { default: 100, min: 1, max: 100_000 }),
    },
    leaderElection: leaderElection(reader, namespace, merged),
    probePort: reader.int('PROBE_PORT', { default: 8081, min: 0, max: 65535 }),
    metricsPort: reader.int('METRICS_PORT', { default: 8080, min: 0, max: 65535 }),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    finalizerTimeoutSeconds: reader.int('FINALIZER_TIMEOUT_SECONDS', { default: 300, min: 0, max: 86_400 }),
    defaultRetainTtlSeconds: reader.int('DEFAULT_RETAIN_TTL_SECONDS', { default: 86_400, min: 60, max: 2_592_000 }),
    ...readPoolConfig(reader, namespace, converterUrl),
  };
  for (const name of [namespace, config.leaderElection.namespace, ...config.watchNamespaces]) {
    if (!DNS_LABEL.test(name))
      reader.fail(`namespace "${name}" is not a valid namespace name (POD_NAMESPACE, LEADER_ELECTION_NAMESPACE, WATCH_NAMESPACES)`);
  }
  if (config.probePort !== 0 && config.probePort === config.metricsPort) reader.fail('PROBE_PORT and METRICS_PORT must differ');
  return reader.done(config);
}

export { ConfigError };
