// Validates any Kubernetes object the project emits (CRD, Deployment, Service, HPA, PDB,
// ConfigMap, Lease, Event, RBAC, NetworkPolicy, ...) the way `kubectl apply --validate=strict`
// would, without a cluster:
//   1. the Kubernetes OpenAPI schema of its kind: the JSON-schema validators precompiled from
//      the upstream OpenAPI spec that ship in the npm package `kubernetes-models` (required
//      fields, types, enums, formats; Kubernetes 1.34 API surface);
//   2. unknown fields (typos): the OpenAPI spec itself allows them, the API server's strict
//      field validation does not; checked against @kubernetes/client-node's model field maps;
//   3. custom resources: against their CRD (crds/*.yaml or any CRD passed in), with defaults,
//      strict fields and the CEL rules (crd-schema.ts);
//   4. prometheus-operator's ServiceMonitor and PrometheusRule (monitoring.coreos.com/v1): the
//      validators of `@kubernetes-models/prometheus-operator` (required fields, types, enums;
//      these schemas allow unknown fields, so typos there are not caught).
import * as k8s from '@kubernetes/client-node';
import * as admissionregistrationV1 from 'kubernetes-models/admissionregistration.k8s.io/v1';
import * as apiextensionsV1 from 'kubernetes-models/apiextensions.k8s.io/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV1 from 'kubernetes-models/autoscaling/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as coordinationV1 from 'kubernetes-models/coordination.k8s.io/v1';
import * as discoveryV1 from 'kubernetes-models/discovery.k8s.io/v1';
import * as eventsV1 from 'kubernetes-models/events.k8s.io/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as schedulingV1 from 'kubernetes-models/scheduling.k8s.io/v1';
import * as coreV1 from 'kubernetes-models/v1';
import * as monitoringV1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { createCrdValidator, type CrdValidator, type CustomResourceDefinition } from './crd-schema.ts';
import { loadDocConversionCrd } from './docconversion.ts';

export interface K8sValidationResult {
  valid: boolean;
  /** One line per problem: `<apiVersion>/<kind> <path> <message>`. */
  errors: string[];
}

export interface K8sValidationOptions {
  /** CRDs for custom resources besides the project's own (crds/). */
  crds?: CustomResourceDefinition[];
}

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: object): { validate(): void };
}

const MODULES: object[] = [
  admissionregistrationV1,
  apiextensionsV1,
  appsV1,
  autoscalingV1,
  autoscalingV2,
  batchV1,
  coordinationV1,
  discoveryV1,
  eventsV1,
  networkingV1,
  policyV1,
  rbacV1,
  schedulingV1,
  coreV1,
  monitoringV1,
];

const MODELS = new Map<string, ModelClass>();
for (const module of MODULES) {
  for (const candidate of Object.values(module) as unknown[]) {
    const model = candidate as Partial<ModelClass>;
    if (typeof candidate === 'function' && model.apiVersion && model.kind)
      MODELS.set(`${model.apiVersion}/${model.kind}`, candidate as ModelClass);
  }
}

type FieldMap = { baseName: string; type: string }[];
const clientModels = k8s as unknown as Record<string, { attributeTypeMap?: FieldMap } | undefined>;

/** @kubernetes/client-node's class name for a kind: CoreV1Event, EventsV1Event, V1Deployment, V2HorizontalPodAutoscaler. */
function clientTypeName(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const prefix = group.split('.')[0].replace(/^./, (c) => c.toUpperCase());
  const versioned = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
  return [`${prefix}${versioned}`, versioned].find((name) => clientModels[name]?.attributeTypeMap);
}

// JSONSchemaProps declares these as `any` in client-node; they hold schemas too.
const FIELD_TYPE_OVERRIDES: Record<string, string> = {
  'V1JSONSchemaProps.items': 'V1JSONSchemaProps',
  'V1JSONSchemaProps.additionalProperties': 'V1JSONSchemaProps',
};

function unknownFields(value: unknown, type: string, path: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (type.startsWith('Array<')) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, index) => unknownFields(item, type.slice(6, -1), `${path}/${index}`));
  }
  if (type.startsWith('{ [key: string]: ')) {
    const inner = type.slice('{ [key: string]: '.length, -'; }'.length);
    return Object.entries(value).flatMap(([key, item]) => unknownFields(item, inner, `${path}/${key}`));
  }
  const fields = clientModels[type]?.attributeTypeMap;
  if (!fields || Array.isArray(value)) return [];
  const byName = new Map(fields.map((field) => [field.baseName, field.type]));
  return Object.entries(value).flatMap(([key, child]) => {
    const childType = FIELD_TYPE_OVERRIDES[`${type}.${key}`] ?? byName.get(key);
    return childType === undefined ? [`${path || '/'} has unknown field "${key}"`] : unknownFields(child, childType, `${path}/${key}`);
  });
}

function schemaErrors(model: ModelClass, object: object): string[] {
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (!details) return [(error as Error).message];
    return details.map((detail) => `${detail.instancePath || '/'} ${detail.message ?? 'is invalid'}`);
  }
}

const crdValidators = new Map<string, CrdValidator>();

function customResourceValidator(apiVersion: string, kind: string, extra: CustomResourceDefinition[]): CrdValidator | undefined {
  const crds = [loadDocConversionCrd(), ...extra];
  for (const crd of crds) {
    const version = crd.spec.versions.find((candidate) => `${crd.spec.group}/${candidate.name}` === apiVersion);
    if (!version || crd.spec.names.kind !== kind) continue;
    const key = `${crd.metadata.name}@${version.name}@${JSON.stringify(version.schema).length}`;
    if (!crdValidators.has(key)) crdValidators.set(key, createCrdValidator(crd, version.name));
    return crdValidators.get(key);
  }
  return undefined;
}

/** Validates one object as it goes over the wire (JSON: Dates become strings); never throws for invalid input. */
export function validateK8sObject(input: unknown, options: K8sValidationOptions = {}): K8sValidationResult {
  const object: unknown = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
  const { apiVersion, kind } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { valid: false, errors: ['object has no apiVersion and kind'] };
  const label = `${apiVersion}/${kind}`;
  const model = MODELS.get(label);
  let errors: string[];
  if (model) {
    const typeName = clientTypeName(apiVersion, kind);
    errors = [...schemaErrors(model, object as object), ...(typeName ? unknownFields(object, typeName, '') : [])];
  } else {
    const validator = customResourceValidator(apiVersion, kind, options.crds ?? []);
    errors = validator ? validator.validate(object).errors : ['has no known schema (pass its CRD in options.crds)'];
  }
  return { valid: errors.length === 0, errors: errors.map((error) => `${label} ${error}`) };
}

/** Throws one error listing every problem of every invalid object. */
export function assertValidK8sObjects(objects: readonly unknown[], options: K8sValidationOptions = {}): void {
  const errors = objects.flatMap((object) => validateK8sObject(object, options).errors);
  if (errors.length > 0) throw new Error(`Invalid Kubernetes objects:\n  ${errors.join('\n  ')}`);
}
