// Pool configurations the builder, golden and reconciler tests use, parsed through the real
// loadConfig (so every configuration here is one an operator could run with).
import { loadConfig } from '../../../operator/config.ts';
import type { PoolConfig } from '../../../operator/pool/config.ts';

export function poolConfig(env: Record<string, string> = {}): PoolConfig {
  const config = loadConfig({ POD_NAMESPACE: 'docc2context-system', POD_NAME: 'operator-0', ...env });
  if (!config.pool) throw new Error('pool management is off in this configuration');
  return config.pool;
}

/** Named configurations with a golden file each (test/operator/pool/golden/<name>.yaml). */
export const GOLDEN_CONFIGS: Record<string, Record<string, string>> = {
  defaults: {},
  everything: {
    POOL_NAME: 'converters',
    POOL_IMAGE: 'registry.example.com/docc2context:0.2.0@sha256:' + 'a'.repeat(64),
    POOL_IMAGE_PULL_POLICY: 'Always',
    POOL_IMAGE_PULL_SECRETS: 'registry-a,registry-b',
    POOL_MIN_REPLICAS: '3',
    POOL_MAX_REPLICAS: '30',
    POOL_CPU_REQUEST: '1500m',
    POOL_CPU_LIMIT: '3500m',
    POOL_MEMORY_REQUEST: '2Gi',
    POOL_MEMORY_LIMIT: '4Gi',
    POOL_CPU_TARGET_PERCENT: '60',
    POOL_SCALE_DOWN_STABILIZATION_SECONDS: '600',
    POOL_SCALE_DOWN_PODS_PER_MINUTE: '2',
    POOL_WORKSPACE_SIZE_LIMIT: '8Gi',
    POOL_CONVERSION_TIMEOUT_SECONDS: '300',
    POOL_REDIS_SECRET: 'redis',
    POOL_REDIS_SECRET_KEY: 'url',
    POOL_CONVERTER_ENV: '{"ENGINE":"builtin","RATE_LIMIT_REQUESTS":"600","OUTBOUND_ALLOW_LIST":"docs.example.com"}',
    POOL_NETWORK_POLICY: 'true',
    POOL_NETWORK_POLICY_INGRESS_NAMESPACES: 'ci,docs',
    POOL_NETWORK_POLICY_PROMETHEUS_NAMESPACE: 'observability',
    POOL_NETWORK_POLICY_EGRESS_CIDRS: '0.0.0.0/0,2001:db8::/32',
    POOL_REDIS_PORT: '6380',
    POOL_SERVICE_MONITOR: 'true',
  },
  'single-replica-no-egress': {
    POOL_MIN_REPLICAS: '1',
    POOL_MAX_REPLICAS: '1',
    POOL_CPU_REQUEST: '250m',
    POOL_CPU_LIMIT: '500m',
    POOL_MEMORY_REQUEST: '512Mi',
    POOL_MEMORY_LIMIT: '512Mi',
    POOL_NETWORK_POLICY: 'true',
  },
};

/** The owner the "owned" variants of each configuration use. */
export const OWNER = { name: 'docc2context-operator', uid: '6b1f2d1e-3c1a-4c59-9a8e-0d1c2b3a4f50' };
