// The converter pool's configuration: the POOL_* variables of the operator (contract §1),
// read by operator/config.ts through readPoolConfig and documented in
// docs/configuration-operator.md. Undefined when pool management is off (CONVERTER_URL set or
// POOL_ENABLED=false). Pure: the builders take the result and nothing else.
import type { EnvReader } from '../../common/config.ts';
import { quantityValue } from './quantity.ts';

export const POOL_VARIABLES = [
  'POOL_ENABLED',
  'POOL_NAME',
  'POOL_IMAGE',
  'POOL_IMAGE_PULL_POLICY',
  'POOL_IMAGE_PULL_SECRETS',
  'POOL_MIN_REPLICAS',
  'POOL_MAX_REPLICAS',
  'POOL_CPU_REQUEST',
  'POOL_CPU_LIMIT',
  'POOL_MEMORY_REQUEST',
  'POOL_MEMORY_LIMIT',
  'POOL_CPU_TARGET_PERCENT',
  'POOL_SCALE_DOWN_STABILIZATION_SECONDS',
  'POOL_SCALE_DOWN_PODS_PER_MINUTE',
  'POOL_WORKSPACE_SIZE_LIMIT',
  'POOL_CONVERSION_TIMEOUT_SECONDS',
  'POOL_REDIS_SECRET',
  'POOL_REDIS_SECRET_KEY',
  'POOL_CONVERTER_ENV',
  'POOL_NETWORK_POLICY',
  'POOL_NETWORK_POLICY_INGRESS_NAMESPACES',
  'POOL_NETWORK_POLICY_PROMETHEUS_NAMESPACE',
  'POOL_NETWORK_POLICY_EGRESS_CIDRS',
  'POOL_REDIS_PORT',
  'POOL_SERVICE_MONITOR',
  'POOL_OWNER_DEPLOYMENT',
  'POOL_HPA_ENABLED',
] as const;

/** Converter variables the pool sets itself; POOL_CONVERTER_ENV may not name them. */
export const POOL_SET_VARIABLES = [
  'PORT',
  'WORKERS',
  'QUEUE_SIZE',
  'CONVERSION_TIMEOUT_SECONDS',
  'SHUTDOWN_GRACE_SECONDS',
  'WORKSPACE_BASE_PATH',
  'WORKSPACE_PREFIX',
  'MEMORY_LIMIT_BYTES',
  'REDIS_URL',
  'SERVICE_NAME',
] as const;

export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];

export interface PoolResources {
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
}

export interface PoolNetworkPolicy {
  ingressNamespaces: string[];
  prometheusNamespace: string;
  egressCidrs: string[];
  redisPort: number;
}

export interface PoolConfig {
  /** Name of every child object. */
  name: string;
  /** POD_NAMESPACE: the pool lives next to the operator. */
  namespace: string;
  image: string;
  imagePullPolicy: PullPolicy;
  imagePullSecrets: string[];
  /** Build the HPA; off when something else scales the pool (KEDA, an HPA on the backlog metric). */
  hpa: boolean;
  minReplicas: number;
  maxReplicas: number;
  resources: PoolResources;
  cpuTargetPercent: number;
  scaleDownStabilizationSeconds: number;
  scaleDownPodsPerMinute: number;
  workspaceSizeLimit: string;
  conversionTimeoutSeconds: number;
  /** Converter REDIS_URL from this Secret key; none: the converter runs without Redis. */
  redis?: { secretName: string; secretKey: string };
  /** Extra converter variables (names the pool sets itself are refused). */
  converterEnv: Record<string, string>;
  networkPolicy?: PoolNetworkPolicy;
  serviceMonitor: boolean;
  /** The operator's own Deployment, owner of every child (so `helm uninstall` removes the pool). */
  ownerDeployment?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;
const IMAGE = /^[^\s]+$/;

/** Pool management is on unless CONVERTER_URL is set or POOL_ENABLED=false. */
export function poolEnabled(reader: EnvReader, converterUrl: string | undefined): boolean {
  const enabled = reader.bool('POOL_ENABLED', true);
  return enabled && converterUrl === undefined;
}

function quantity(reader: EnvReader, name: string, fallback: string): string {
  const value = reader.string(name, fallback);
  if (quantityValue(value) === undefined || quantityValue(value) === 0)
    reader.fail(`${name} must be a positive Kubernetes quantity (e.g. 500m, 2, 1Gi), got "${value}"`);
  return value;
}

function resources(reader: EnvReader): PoolResources {
  const result = {
    cpuRequest: quantity(reader, 'POOL_CPU_REQUEST', '1'),
    cpuLimit: quantity(reader, 'POOL_CPU_LIMIT', '2'),
    memoryRequest: quantity(reader, 'POOL_MEMORY_REQUEST', '1Gi'),
    memoryLimit: quantity(reader, 'POOL_MEMORY_LIMIT', '2Gi'),
  };
  const above = (request: string, limit: string): boolean => (quantityValue(request) ?? 0) > (quantityValue(limit) ?? Infinity);
  if (above(result.cpuRequest, result.cpuLimit)) reader.fail('POOL_CPU_REQUEST must not exceed POOL_CPU_LIMIT');
  if (above(result.memoryRequest, result.memoryLimit)) reader.fail('POOL_MEMORY_REQUEST must not exceed POOL_MEMORY_LIMIT');
  return result;
}

function converterEnv(reader: EnvReader): Record<string, string> {
  const raw = reader.string('POOL_CONVERTER_ENV', '{}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    reader.fail('POOL_CONVERTER_ENV must be a JSON object of strings');
    return {};
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    reader.fail('POOL_CONVERTER_ENV must be a JSON object of strings');
    return {};
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!ENV_NAME.test(name) || typeof value !== 'string')
      reader.fail(`POOL_CONVERTER_ENV: "${name}" must be a variable name with a string value`);
    else if ((POOL_SET_VARIABLES as readonly string[]).includes(name))
      reader.fail(`POOL_CONVERTER_ENV may not set ${name}: the pool sets it`);
    else env[name] = value;
  }
  return env;
}

function networkPolicy(reader: EnvReader): PoolNetworkPolicy | undefined {
  const enabled = reader.bool('POOL_NETWORK_POLICY', false);
  const policy: PoolNetworkPolicy = {
    ingressNamespaces: [...new Set(reader.list('POOL_NETWORK_POLICY_INGRESS_NAMESPACES', []))],
    prometheusNamespace: reader.string('POOL_NETWORK_POLICY_PROMETHEUS_NAMESPACE', 'monitoring'),
    egressCidrs: [...new Set(reader.list('POOL_NETWORK_POLICY_EGRESS_CIDRS', []))],
    redisPort: reader.int('POOL_REDIS_PORT', { default: 6379, min: 1, max: 65535 }),
  };
  for (const ns of [...policy.ingressNamespaces, policy.prometheusNamespace]) {
    if (!DNS_LABEL.test(ns)) reader.fail(`namespace "${ns}" is not a valid namespace name (POOL_NETWORK_POLICY_*_NAMESPACE(S))`);
  }
  for (const cidr of policy.egressCidrs) if (!CIDR.test(cidr)) reader.fail(`POOL_NETWORK_POLICY_EGRESS_CIDRS: "${cidr}" is not a CIDR`);
  return enabled ? policy : undefined;
}

function names(reader: EnvReader): Pick<PoolConfig, 'name' | 'image' | 'imagePullSecrets' | 'ownerDeployment'> {
  const result = {
    name: reader.string('POOL_NAME', 'docc2context-converter'),
    image: reader.string('POOL_IMAGE', 'docc2context:0.1.0'),
    imagePullSecrets: [...new Set(reader.list('POOL_IMAGE_PULL_SECRETS', []))],
    ownerDeployment: reader.optionalString('POOL_OWNER_DEPLOYMENT'),
  };
  // The HPA and the Deployment's pods derive longer names from it; 52 leaves room for pod suffixes.
  if (!DNS_LABEL.test(result.name) || result.name.length > 52)
    reader.fail(`POOL_NAME must be a DNS label of at most 52 characters, got "${result.name}"`);
  if (!IMAGE.test(result.image)) reader.fail(`POOL_IMAGE must be an image reference, got "${result.image}"`);
  for (const name of [...result.imagePullSecrets, ...(result.ownerDeployment ? [result.ownerDeployment] : [])]) {
    if (!DNS_SUBDOMAIN.test(name)) reader.fail(`"${name}" is not a valid object name (POOL_IMAGE_PULL_SECRETS, POOL_OWNER_DEPLOYMENT)`);
  }
  return result;
}

function redis(reader: EnvReader): PoolConfig['redis'] {
  const secretName = reader.optionalString('POOL_REDIS_SECRET');
  const secretKey = reader.string('POOL_REDIS_SECRET_KEY', 'redis-url');
  if (secretName !== undefined && !DNS_SUBDOMAIN.test(secretName))
    reader.fail(`POOL_REDIS_SECRET: "${secretName}" is not a valid Secret name`);
  if (!/^[-._a-zA-Z0-9]+$/.test(secretKey)) reader.fail(`POOL_REDIS_SECRET_KEY: "${secretKey}" is not a valid Secret key`);
  return secretName === undefined ? undefined : { secretName, secretKey };
}

/** Reads every POOL_* variable (problems go to the reader); `pool` is undefined when pool management is off. */
export function readPoolConfig(
  reader: EnvReader,
  namespace: string,
  converterUrl: string | undefined,
): { poolName: string; pool?: PoolConfig } {
  const enabled = poolEnabled(reader, converterUrl);
  const minReplicas = reader.int('POOL_MIN_REPLICAS', { default: 2, min: 1, max: 1000 });
  const maxReplicas = reader.int('POOL_MAX_REPLICAS', { default: 10, min: 1, max: 1000 });
  if (maxReplicas < minReplicas) reader.fail('POOL_MAX_REPLICAS must be at least POOL_MIN_REPLICAS');
  const config: PoolConfig = {
    ...names(reader),
    namespace,
    imagePullPolicy: reader.oneOf('POOL_IMAGE_PULL_POLICY', PULL_POLICIES, 'IfNotPresent'),
    hpa: reader.bool('POOL_HPA_ENABLED', true),
    minReplicas,
    maxReplicas,
    resources: resources(reader),
    cpuTargetPercent: reader.int('POOL_CPU_TARGET_PERCENT', { default: 70, min: 1, max: 1000 }),
    scaleDownStabilizationSeconds: reader.int('POOL_SCALE_DOWN_STABILIZATION_SECONDS', { default: 300, min: 0, max: 3600 }),
    scaleDownPodsPerMinute: reader.int('POOL_SCALE_DOWN_PODS_PER_MINUTE', { default: 1, min: 1, max: 1000 }),
    workspaceSizeLimit: quantity(reader, 'POOL_WORKSPACE_SIZE_LIMIT', '2Gi'),
    conversionTimeoutSeconds: reader.int('POOL_CONVERSION_TIMEOUT_SECONDS', { default: 60, min: 1, max: 3600 }),
    redis: redis(reader),
    converterEnv: converterEnv(reader),
    networkPolicy: networkPolicy(reader),
    serviceMonitor: reader.bool('POOL_SERVICE_MONITOR', false),
  };
  return enabled ? { poolName: config.name, pool: config } : { poolName: config.name };
}
