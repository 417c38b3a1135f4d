// Shapes shared by every part of the test API server.
import type { StatusCause } from './errors.ts';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Validates, defaults and prunes an object of a custom resource (`old` on updates); returns the causes of rejection. */
export type ObjectValidator = (obj: KubeObject, old?: KubeObject) => StatusCause[];

/** A CRD's additionalPrinterColumns entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

/** One served group/version/resource. Versions of one group/resource share their storage. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  /** Has a `/status` subresource: main writes ignore status, status writes change only status. */
  hasStatus: boolean;
  /** metadata.generation is maintained (starts at 1, bumped by spec changes). */
  tracksGeneration: boolean;
  /** PUT without metadata.resourceVersion is allowed (false for custom resources). */
  allowUnconditionalUpdate: boolean;
  /** Custom resource: strategic merge patch is refused, the schema validator runs. */
  custom: boolean;
  validate?: ObjectValidator;
  /** Custom resources: the served version's openAPIV3Schema (published under /openapi/v3). */
  schema?: Record<string, unknown>;
  /** Custom resources: additionalPrinterColumns, for Table answers (`kubectl get`). */
  printerColumns?: PrinterColumn[];
  /** Fields usable in fieldSelector besides metadata.name and metadata.namespace. */
  extraFieldSelectors: string[];
  /** Keys of associative lists for strategic merge patch and apply, by field name. */
  listMapKeys: Record<string, string[]>;
  /** Applied when the object is first stored, before validation (the built-in defaulting we model). */
  applyDefaults?: (obj: KubeObject) => void;
}

/** Where a request points: a served resource, maybe a namespace, maybe a subresource. */
export interface ResourceScope {
  type: ResourceType;
  namespace?: string;
  subresource?: string;
}

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Versions of the same group/resource share one storage bucket. */
export function storageKeyOf(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${t.group}/${t.plural}`;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
