// The built-in kinds the operator uses, with the flags that decide their semantics.
import type { StatusCause } from './errors.ts';
import type { KubeObject, ResourceType } from './types.ts';

type Flags = Partial<ResourceType> & Pick<ResourceType, 'group' | 'version' | 'kind' | 'plural'>;

// Strategic merge patch keys of the core types we model (from the Go struct tags `patchMergeKey`).
const POD_LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  ports: ['containerPort'],
  volumeMounts: ['mountPath'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  topologySpreadConstraints: ['topologyKey'],
};

function kind(flags: Flags): ResourceType {
  return {
    listKind: `${flags.kind}List`,
    singular: flags.kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    hasStatus: false,
    tracksGeneration: false,
    allowUnconditionalUpdate: true,
    custom: false,
    extraFieldSelectors: [],
    listMapKeys: { conditions: ['type'], ownerReferences: ['uid'] },
    ...flags,
  };
}

function defaultDeployment(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
}

function defaultService(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const port of (spec.ports ?? []) as Record<string, unknown>[]) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
}

/** core.MaxSecretSize: the most data a ConfigMap or Secret may hold (etcd's request limit is ~1.5 MiB). */
export const MAX_DATA_BYTES = 1024 * 1024;

const decodedLength = (base64: unknown): number => (typeof base64 === 'string' ? Buffer.from(base64, 'base64').length : 0);
const textLength = (text: unknown): number => (typeof text === 'string' ? Buffer.byteLength(text) : 0);

/**
 * ValidateConfigMap / ValidateSecret: the values' bytes together (binaryData and Secret data
 * decoded) may not pass 1 MiB; the error refers to the whole object, as the real server's does.
 */
function dataSizeCauses(sizes: number[]): StatusCause[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= MAX_DATA_BYTES) return [];
  return [{ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${MAX_DATA_BYTES} bytes`, field: '[]' }];
}

function validateConfigMap(obj: KubeObject): StatusCause[] {
  const data = Object.values((obj.data ?? {}) as Record<string, unknown>).map(textLength);
  const binary = Object.values((obj.binaryData ?? {}) as Record<string, unknown>).map(decodedLength);
  return dataSizeCauses([...data, ...binary]);
}

function validateSecret(obj: KubeObject): StatusCause[] {
  return dataSizeCauses(Object.values((obj.data ?? {}) as Record<string, unknown>).map(decodedLength));
}

/** stringData is write-only: the server folds it into base64 data. */
function defaultSecret(obj: KubeObject): void {
  const stringData = (obj.stringData ?? {}) as Record<string, string>;
  const encoded = Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  if (Object.keys(encoded).length > 0) obj.data = { ...(obj.data as object), ...encoded };
  delete obj.stringData;
  obj.type ??= 'Opaque';
}

/** policyTypes defaults to Ingress, plus Egress when egress rules are given. */
function defaultNetworkPolicy(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  spec.policyTypes ??= spec.egress === undefined ? ['Ingress'] : ['Ingress', 'Egress'];
}

function defaultNamespace(obj: KubeObject): void {
  obj.spec ??= { finalizers: ['kubernetes'] };
  obj.status ??= { phase: 'Active' };
  obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
}

export function builtinKinds(): ResourceType[] {
  const eventFields = ['involvedObject.kind', 'involvedObject.name', 'involvedObject.namespace', 'involvedObject.uid', 'reason', 'type'];
  return [
    kind({
      group: '',
      version: 'v1',
      kind: 'Namespace',
      plural: 'namespaces',
      namespaced: false,
      shortNames: ['ns'],
      hasStatus: true,
      extraFieldSelectors: ['status.phase'],
      applyDefaults: defaultNamespace,
    }),
    kind({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'], validate: validateConfigMap }),
    kind({
      group: '',
      version: 'v1',
      kind: 'Secret',
      plural: 'secrets',
      extraFieldSelectors: ['type'],
      applyDefaults: defaultSecret,
      validate: validateSecret,
    }),
    kind({ group: '', version: 'v1', kind: 'Event', plural: 'events', shortNames: ['ev'], extraFieldSelectors: eventFields }),
    kind({
      group: '',
      version: 'v1',
      kind: 'Service',
      plural: 'services',
      shortNames: ['svc'],
      hasStatus: true,
      listMapKeys: { ...POD_LIST_KEYS, ports: ['port'] },
      applyDefaults: defaultService,
    }),
    kind({
      group: 'events.k8s.io',
      version: 'v1',
      kind: 'Event',
      plural: 'events',
      shortNames: ['ev'],
      extraFieldSelectors: ['regarding.kind', 'regarding.name', 'regarding.namespace', 'reason', 'type'],
    }),
    kind({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases' }),
    kind({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      plural: 'deployments',
      shortNames: ['deploy'],
      hasStatus: true,
      tracksGeneration: true,
      listMapKeys: POD_LIST_KEYS,
      applyDefaults: defaultDeployment,
    }),
    kind({
      group: 'autoscaling',
      version: 'v2',
      kind: 'HorizontalPodAutoscaler',
      plural: 'horizontalpodautoscalers',
      shortNames: ['hpa'],
      hasStatus: true,
      tracksGeneration: true,
    }),
    kind({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      kind: 'CustomResourceDefinition',
      plural: 'customresourcedefinitions',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      hasStatus: true,
    }),
    kind({
      group: 'policy',
      version: 'v1',
      kind: 'PodDisruptionBudget',
      plural: 'poddisruptionbudgets',
      shortNames: ['pdb'],
      hasStatus: true,
      tracksGeneration: true,
    }),
    kind({
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'NetworkPolicy',
      plural: 'networkpolicies',
      shortNames: ['netpol'],
      tracksGeneration: true,
      applyDefaults: defaultNetworkPolicy,
    }),
  ];
}
