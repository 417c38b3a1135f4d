// Validates custom resources against a CRD the way kube-apiserver does, in three steps:
// defaulting, the structural OpenAPI schema (with strict field validation, like kubectl's
// default `--validate=strict`), then the CEL `x-kubernetes-validations` rules (crd-cel.ts).
// Small on purpose: the Kubernetes API test server (branch kubeserver) has its own validation.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';
import { celViolations, type CelViolation } from './crd-cel.ts';

export interface StructuralSchema {
  [keyword: string]: unknown;
  type?: string;
  properties?: Record<string, StructuralSchema>;
  items?: StructuralSchema;
  additionalProperties?: StructuralSchema | boolean;
  required?: string[];
  enum?: unknown[];
  'x-kubernetes-validations'?: { rule: string; message?: string; fieldPath?: string }[];
}

export interface CustomResourceDefinition {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; plural: string; shortNames?: string[]; categories?: string[]; listKind?: string; singular?: string };
    scope: string;
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources?: { status?: object };
      additionalPrinterColumns?: { name: string; type: string; jsonPath: string; priority?: number }[];
      schema: { openAPIV3Schema: StructuralSchema };
    }[];
  };
}

export interface CrValidationResult {
  valid: boolean;
  /** One line per problem: `<path> <message>`. */
  errors: string[];
  /** The object after defaulting (a copy; the input is never changed). */
  object: Record<string, unknown>;
}

// Keywords of the structural schema that JSON Schema (draft-07, ajv) understands as they are.
const COPIED = [
  'type',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'format',
  'default',
  'multipleOf',
] as const;

/** Structural schema (OpenAPI v3.0 subset + x-kubernetes-*) → JSON Schema draft-07 for ajv. */
export function toJsonSchema(schema: StructuralSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const keyword of COPIED) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  if (schema.required) out.required = schema.required;
  // OpenAPI v3.0 spells exclusive bounds as booleans next to minimum/maximum.
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (schema[flag] !== true) continue;
    out[flag] = out[bound];
    delete out[bound];
  }
  if (schema.nullable === true && typeof schema.type === 'string') out.type = [schema.type, 'null'];
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    const branches = schema[combinator] as StructuralSchema[] | undefined;
    if (branches) out[combinator] = branches.map(toJsonSchema);
  }
  if (schema.not) out.not = toJsonSchema(schema.not as StructuralSchema);
  if (schema.items) out.items = toJsonSchema(schema.items);
  if (schema['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (schema['x-kubernetes-list-type'] === 'map') out.listMapKeys = schema['x-kubernetes-list-map-keys'];
  Object.assign(out, objectKeywords(schema));
  return out;
}

function objectKeywords(schema: StructuralSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, toJsonSchema(child)]));
  }
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = toJsonSchema(schema.additionalProperties);
  else if (schema.properties && schema['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
  addFormatsPlugin.default(ajv);
  // x-kubernetes-list-type: map — list items are unique by their key fields.
  ajv.addKeyword({
    keyword: 'listMapKeys',
    type: 'array',
    schemaType: 'array',
    validate: (keys: string[], items: Record<string, unknown>[]) => {
      const seen = items.map((item) => JSON.stringify(keys.map((key) => item?.[key])));
      return new Set(seen).size === seen.length;
    },
  });
  return ajv;
}

const describeError = (error: ErrorObject): string => {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
};

const describeViolation = (violation: CelViolation): string => `${violation.path} ${violation.message}`;

export interface CrdValidator {
  /** Create (no old object) or update (old object given: transition rules run too). */
  validate(object: unknown, oldObject?: unknown): CrValidationResult;
}

export function createCrdValidator(crd: CustomResourceDefinition, versionName?: string): CrdValidator {
  const version =
    crd.spec.versions.find((candidate) => candidate.name === versionName) ?? crd.spec.versions.find((candidate) => candidate.storage);
  if (!version) throw new Error(`CRD ${crd.metadata.name} has no version ${versionName ?? '(storage)'}`);
  const schema = version.schema.openAPIV3Schema;
  const check: ValidateFunction = createAjv().compile(toJsonSchema(schema));
  const defaulted = (value: unknown): Record<string, unknown> => {
    const copy = structuredClone(value) as Record<string, unknown>;
    check(copy);
    return copy;
  };
  return {
    validate(object, oldObject) {
      const copy = structuredClone(object) as Record<string, unknown>;
      if (!check(copy)) return { valid: false, errors: (check.errors ?? []).map(describeError), object: copy };
      const old = oldObject === undefined ? undefined : defaulted(oldObject);
      const errors = celViolations(schema, copy, old).map(describeViolation);
      return { valid: errors.length === 0, errors, object: copy };
    },
  };
}

export function readYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}
