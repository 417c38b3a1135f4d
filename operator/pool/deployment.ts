// The converter Deployment (contract §1): the converter image with `converter` as its command,
// requests 1 CPU / 1Gi and limits 2 CPU / 2Gi by default, WORKERS and QUEUE_SIZE from the CPU
// limit, probes, a preStop wait and a grace period longer than the longest conversion, a
// restricted pod (non-root, read-only root, no token, all capabilities dropped, RuntimeDefault
// seccomp) with an emptyDir workspace, scrape annotations, spread over nodes and zones, and a
// rollout that never drops below the ready capacity. spec.replicas is only the initial size:
// the HPA owns it afterwards (the reconciler never writes it again).
import type { V1Container, V1Deployment, V1EnvVar, V1PodSpec } from '@kubernetes/client-node';
import type { PoolConfig } from './config.ts';
import { CONVERTER_PORT, PRE_STOP_SECONDS, WORKSPACE_PATH, derive } from './derived.ts';
import { childMeta, poolLabels, selectorLabels, withSpecHash, type PoolOwner } from './meta.ts';

export const CONTAINER_NAME = 'converter';
const UID = 10001;

function httpProbe(path: string, timing: { periodSeconds: number; failureThreshold: number }): V1Container['livenessProbe'] {
  return { httpGet: { path, port: 'http' }, timeoutSeconds: 2, ...timing };
}

function env(config: PoolConfig): V1EnvVar[] {
  const derived = derive(config);
  const fixed: V1EnvVar[] = [
    { name: 'PORT', value: String(CONVERTER_PORT) },
    { name: 'WORKERS', value: String(derived.workers) },
    { name: 'QUEUE_SIZE', value: String(derived.queueSize) },
    { name: 'CONVERSION_TIMEOUT_SECONDS', value: String(config.conversionTimeoutSeconds) },
    { name: 'SHUTDOWN_GRACE_SECONDS', value: String(derived.shutdownGraceSeconds) },
    { name: 'WORKSPACE_BASE_PATH', value: WORKSPACE_PATH },
    { name: 'WORKSPACE_PREFIX', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    {
      name: 'MEMORY_LIMIT_BYTES',
      valueFrom: { resourceFieldRef: { containerName: CONTAINER_NAME, resource: 'limits.memory', divisor: '1' } },
    },
    { name: 'SERVICE_NAME', value: config.name },
  ];
  if (config.redis) {
    fixed.push({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: config.redis.secretName, key: config.redis.secretKey } } });
  }
  const extra = Object.keys(config.converterEnv)
    .sort()
    .map((name) => ({ name, value: config.converterEnv[name] }));
  return [...fixed, ...extra];
}

function container(config: PoolConfig): V1Container {
  const { resources: r } = config;
  return {
    name: CONTAINER_NAME,
    image: config.image,
    imagePullPolicy: config.imagePullPolicy,
    args: ['converter'],
    ports: [{ name: 'http', containerPort: CONVERTER_PORT, protocol: 'TCP' }],
    env: env(config),
    resources: { requests: { cpu: r.cpuRequest, memory: r.memoryRequest }, limits: { cpu: r.cpuLimit, memory: r.memoryLimit } },
    startupProbe: httpProbe('/healthz', { periodSeconds: 2, failureThreshold: 30 }),
    livenessProbe: httpProbe('/healthz', { periodSeconds: 10, failureThreshold: 3 }),
    readinessProbe: httpProbe('/readyz', { periodSeconds: 2, failureThreshold: 1 }),
    lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: UID,
      runAsGroup: UID,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: [{ name: 'workspace', mountPath: WORKSPACE_PATH }],
  };
}

function podSpec(config: PoolConfig): V1PodSpec {
  const spread = (topologyKey: string): NonNullable<V1PodSpec['topologySpreadConstraints']>[number] => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selectorLabels(config) },
  });
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    terminationGracePeriodSeconds: derive(config).terminationGracePeriodSeconds,
    securityContext: { runAsNonRoot: true, runAsUser: UID, runAsGroup: UID, fsGroup: UID, seccompProfile: { type: 'RuntimeDefault' } },
    ...(config.imagePullSecrets.length > 0 && { imagePullSecrets: config.imagePullSecrets.map((name) => ({ name })) }),
    topologySpreadConstraints: [spread('kubernetes.io/hostname'), spread('topology.kubernetes.io/zone')],
    containers: [container(config)],
    volumes: [{ name: 'workspace', emptyDir: { sizeLimit: config.workspaceSizeLimit } }],
  };
}

export function buildDeployment(config: PoolConfig, owner?: PoolOwner): V1Deployment {
  return withSpecHash({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: childMeta(config, owner),
    spec: {
      replicas: config.minReplicas,
      selector: { matchLabels: selectorLabels(config) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: poolLabels(config),
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(CONVERTER_PORT), 'prometheus.io/path': '/metrics' },
        },
        spec: podSpec(config),
      },
    },
  });
}
