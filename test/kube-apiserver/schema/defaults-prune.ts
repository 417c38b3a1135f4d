// Pruning of unknown fields and defaulting, walking the structural schema as the apiserver does:
// fields not in `properties` are dropped unless x-kubernetes-preserve-unknown-fields says keep.
import { clone } from '../clone.ts';
import type { JsonSchemaNode } from './structural.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TYPE_META = new Set(['apiVersion', 'kind', 'metadata']);

function schemaForKey(schema: JsonSchemaNode, key: string): JsonSchemaNode | 'keep' | undefined {
  const property = schema.properties?.[key];
  if (property) return property;
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  if (schema.additionalProperties === true || schema['x-kubernetes-preserve-unknown-fields']) return 'keep';
  if (schema['x-kubernetes-embedded-resource'] && TYPE_META.has(key)) return 'keep';
  return undefined;
}

/** Removes fields the schema does not know, in place. `root` keeps apiVersion, kind, metadata. */
export function prune(value: unknown, schema: JsonSchemaNode, root = false): void {
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item) => prune(item, schema.items as JsonSchemaNode));
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (root && TYPE_META.has(key)) continue;
    const child = schemaForKey(schema, key);
    if (child === undefined) delete value[key];
    else if (child !== 'keep') prune(value[key], child);
  }
}

/** The paths (`spec.colour`, `spec.parts[0].nmae`) of the fields `prune` would remove, without removing them. */
export function unknownFields(value: unknown, schema: JsonSchemaNode, root = false, at = ''): string[] {
  if (Array.isArray(value)) {
    return schema.items ? value.flatMap((item, i) => unknownFields(item, schema.items as JsonSchemaNode, false, `${at}[${i}]`)) : [];
  }
  if (!isObject(value)) return [];
  return Object.keys(value).flatMap((key) => {
    if (root && TYPE_META.has(key)) return [];
    const child = schemaForKey(schema, key);
    const path = at ? `${at}.${key}` : key;
    if (child === undefined) return [path];
    return child === 'keep' ? [] : unknownFields(value[key], child, false, path);
  });
}

/** Sets `default` values of absent properties, in place, at every level that exists. */
export function applyDefaults(value: unknown, schema: JsonSchemaNode): void {
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item) => applyDefaults(item, schema.items as JsonSchemaNode));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (value[key] === undefined && property.default !== undefined) value[key] = clone(property.default);
    if (value[key] !== undefined) applyDefaults(value[key], property);
  }
  if (typeof schema.additionalProperties === 'object') {
    for (const key of Object.keys(value)) {
      if (!schema.properties?.[key]) applyDefaults(value[key], schema.additionalProperties);
    }
  }
}

/** Associative lists (x-kubernetes-list-type: map) and their keys, by field name. */
export function listMapKeysOf(schema: JsonSchemaNode, found: Record<string, string[]> = {}): Record<string, string[]> {
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const keys = property['x-kubernetes-list-map-keys'];
    if (property['x-kubernetes-list-type'] === 'map' && keys) found[key] = keys;
    listMapKeysOf(property, found);
    if (property.items) listMapKeysOf(property.items, found);
  }
  if (schema.items) listMapKeysOf(schema.items, found);
  return found;
}
