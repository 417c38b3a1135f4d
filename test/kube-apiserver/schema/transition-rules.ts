// The one CEL rule the test server evaluates: the immutability transition rule
// `self == oldSelf` (and `oldSelf == self`), as `x-kubernetes-validations` on any object field.
// Every other CEL rule is ignored (see test/README.md).
import { isDeepStrictEqual } from 'node:util';
import type { StatusCause } from '../errors.ts';
import type { JsonSchemaNode } from './structural.ts';

interface CelRule {
  rule: string;
  message?: string;
}

const IMMUTABLE = /^\s*(self\s*==\s*oldSelf|oldSelf\s*==\s*self)\s*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (isObject(value)) return '"object"';
  if (Array.isArray(value)) return '"array"';
  return JSON.stringify(value);
}

function ownCauses(schema: JsonSchemaNode, pair: { now: unknown; old: unknown }, path: string): StatusCause[] {
  const rules = (schema['x-kubernetes-validations'] ?? []) as CelRule[];
  return rules
    .filter((r) => IMMUTABLE.test(r.rule) && !isDeepStrictEqual(pair.now, pair.old))
    .map((r) => ({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${describe(pair.now)}: ${r.message ?? 'failed rule: ' + r.rule}`,
      field: path,
    }));
}

/** Causes for fields changed against a `self == oldSelf` rule; rules apply where both values exist. */
export function transitionCauses(schema: JsonSchemaNode, now: unknown, old: unknown, path = ''): StatusCause[] {
  if (now === undefined || old === undefined) return [];
  const causes = ownCauses(schema, { now, old }, path);
  if (!isObject(now) || !isObject(old)) return causes;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    causes.push(...transitionCauses(child, now[key], old[key], path ? `${path}.${key}` : key));
  }
  return causes;
}
