// Validation of custom resources against a CRD version's openAPIV3Schema with ajv: prune,
// default, then validate; errors become Status causes with the apiserver's field paths and words.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { StatusCause } from '../errors.ts';
import type { ObjectValidator } from '../types.ts';
import { applyDefaults, listMapKeysOf, prune } from './defaults-prune.ts';
import { rootJsonSchema, type JsonSchemaNode } from './structural.ts';
import { transitionCauses } from './transition-rules.ts';

export { listMapKeysOf, type JsonSchemaNode };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, verbose: true });
  addFormats(ajv);
  return ajv;
}

/** `/spec/items/0/name` → `spec.items[0].name`. */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function shown(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function causeOf(error: ErrorObject): StatusCause {
  const field = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { reason: 'FieldValueRequired', message: 'Required value', field: field ? `${field}.${missing}` : missing };
    }
    case 'type':
      return {
        reason: 'FieldValueTypeInvalid',
        message: `Invalid value: ${shown(error.data)}: ${field} in body must be of type ${String(params.type)}: "${typeName(error.data)}"`,
        field,
      };
    case 'enum':
      return {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${shown(error.data)}: supported values: ${(params.allowedValues as unknown[]).map(shown).join(', ')}`,
        field,
      };
    default:
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${shown(error.data)}: ${field} in body ${error.message ?? 'is invalid'}`,
        field,
      };
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

/** One cause per field: an int-or-string mismatch reports once, not once per branch. */
function causesOf(errors: ErrorObject[]): StatusCause[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const causes: StatusCause[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath)) continue;
    const cause = causeOf(error);
    const key = `${cause.field}|${cause.reason}`;
    if (!seen.has(key)) causes.push(cause);
    seen.add(key);
  }
  return causes;
}

// A memo of a pure function: ajv compiles take ~100 ms and every test starts its own server with
// the same CRDs. Compiled validators hold no state between calls.
const compiled = new Map<string, ValidateFunction>();

function compiledFor(schema: JsonSchemaNode): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = newAjv().compile(rootJsonSchema(schema))));
  return validate;
}

export function compileSchema(schema: JsonSchemaNode): ObjectValidator {
  const validate = compiledFor(schema);
  return (obj, old) => {
    prune(obj, schema, true);
    applyDefaults(obj, schema);
    const causes = validate(obj) ? [] : causesOf(validate.errors ?? []);
    return old ? [...causes, ...transitionCauses(schema, obj, old)] : causes;
  };
}
