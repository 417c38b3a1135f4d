// Runs a CRD's CEL `x-kubernetes-validations` rules against an object, as kube-apiserver does
// after schema validation: each rule sees `self` (the value at its node); a transition rule
// (one that mentions oldSelf) runs only on update, where the old value exists at the same path.
// Integers become CEL ints (BigInt) so equality and arithmetic follow CEL, not JS numbers.
import { evaluate } from '@marcbachmann/cel-js';
import type { StructuralSchema } from './crd-schema.ts';

export interface CelViolation {
  /** JSON path of the node whose rule failed (plus the rule's fieldPath), e.g. `.spec.source`. */
  path: string;
  rule: string;
  message: string;
}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value as CEL sees it: integers of `integer` schemas as BigInt, recursively. */
export function toCelValue(schema: StructuralSchema, value: Json): Json {
  if (schema.type === 'integer' && typeof value === 'number') return BigInt(value);
  if (Array.isArray(value)) return value.map((item) => toCelValue(schema.items ?? {}, item));
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {});
    out[key] = toCelValue(childSchema, child);
  }
  return out;
}

function checkRules(schema: StructuralSchema, value: Json, old: Json, path: string): CelViolation[] {
  const violations: CelViolation[] = [];
  for (const { rule, message, fieldPath } of schema['x-kubernetes-validations'] ?? []) {
    const isTransition = /\boldSelf\b/.test(rule);
    if (isTransition && old === undefined) continue;
    const context = { self: toCelValue(schema, value), oldSelf: isTransition ? toCelValue(schema, old) : undefined };
    let passed: unknown;
    try {
      passed = evaluate(rule, isTransition ? context : { self: context.self });
    } catch (error) {
      passed = `error: ${(error as Error).message}`;
    }
    if (passed !== true) violations.push({ path: `${path}${fieldPath ?? ''}` || '.', rule, message: message ?? `failed rule: ${rule}` });
  }
  return violations;
}

/** Every failed rule in the object (and, for updates, its transition rules against `oldObject`). */
export function celViolations(schema: StructuralSchema, object: Json, oldObject?: Json, path = ''): CelViolation[] {
  const violations = checkRules(schema, object, oldObject, path);
  if (Array.isArray(object)) {
    // Old list items only correlate by key for map lists; this runner does not pair them.
    object.forEach((item, index) => violations.push(...celViolations(schema.items ?? {}, item, undefined, `${path}[${index}]`)));
    return violations;
  }
  if (!isObject(object)) return violations;
  const old = isObject(oldObject) ? oldObject : {};
  for (const [key, child] of Object.entries(object)) {
    const childSchema =
      schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (childSchema) violations.push(...celViolations(childSchema, child, old[key], `${path}.${key}`));
  }
  return violations;
}
