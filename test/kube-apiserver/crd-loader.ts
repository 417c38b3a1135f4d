// Turns apiextensions.k8s.io/v1 CustomResourceDefinitions into served resource types: one per
// served version, sharing storage, validated against that version's openAPIV3Schema.
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { Registry } from './registry.ts';
import { compileSchema, listMapKeysOf, type JsonSchemaNode } from './schema/validator.ts';
import type { KubeObject, PrinterColumn, ResourceType } from './types.ts';

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: JsonSchemaNode };
  subresources?: { status?: object; scale?: object };
  additionalPrinterColumns?: PrinterColumn[];
}

interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: { kind: string; plural: string; singular?: string; listKind?: string; shortNames?: string[] };
  versions: CrdVersion[];
}

export function isCrd(obj: KubeObject): boolean {
  return obj.apiVersion === 'apiextensions.k8s.io/v1' && obj.kind === 'CustomResourceDefinition';
}

export function resourceTypesOf(crd: KubeObject): ResourceType[] {
  const spec = crd.spec as CrdSpec;
  return spec.versions
    .filter((v) => v.served)
    .map((v) => {
      const schema = v.schema?.openAPIV3Schema;
      return {
        group: spec.group,
        version: v.name,
        kind: spec.names.kind,
        listKind: spec.names.listKind ?? `${spec.names.kind}List`,
        plural: spec.names.plural,
        singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        shortNames: spec.names.shortNames ?? [],
        hasStatus: v.subresources?.status !== undefined,
        tracksGeneration: true,
        allowUnconditionalUpdate: false,
        custom: true,
        extraFieldSelectors: [],
        listMapKeys: schema ? listMapKeysOf(schema) : {},
        validate: schema ? compileSchema(schema) : undefined,
        schema: schema as Record<string, unknown> | undefined,
        printerColumns: v.additionalPrinterColumns,
      };
    });
}

export function registerCrd(registry: Registry, crd: KubeObject): void {
  for (const type of resourceTypesOf(crd)) registry.add(type);
}

/** Reads every CustomResourceDefinition in a (multi-document) YAML file. */
export async function readCrdFile(file: string): Promise<KubeObject[]> {
  const text = await readFile(file, 'utf8');
  return parseAllDocuments(text)
    .map((doc) => doc.toJSON() as KubeObject | null)
    .filter((obj): obj is KubeObject => obj !== null && isCrd(obj));
}

/** The status a real server reports once a CRD is served. */
export function establishedStatus(crd: KubeObject, now: string): Record<string, unknown> {
  const spec = crd.spec as CrdSpec;
  const condition = (type: string, reason: string, message: string): Record<string, string> => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    acceptedNames: spec.names,
    storedVersions: spec.versions.filter((v) => v.storage).map((v) => v.name),
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
  };
}

export function isEstablished(crd: KubeObject): boolean {
  const conditions = (crd.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Established' && c.status === 'True');
}
