// Kubernetes structural schemas (OpenAPI v3 with x-kubernetes-* extensions) translated into
// JSON Schema draft-07 for ajv. Pruning and defaulting are separate (defaults-prune.ts).
export interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: boolean | JsonSchemaNode;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  allOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  not?: JsonSchemaNode;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  [key: string]: unknown;
}

/** Formats the Kubernetes validator knows and ajv-formats implements; others are ignored, as k8s does. */
export const CHECKED_FORMATS = new Set([
  'date',
  'date-time',
  'duration',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
]);

const COPIED = [
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
  'required',
  'multipleOf',
];

function typeOf(node: JsonSchemaNode): string | string[] | undefined {
  if (!node.type) return undefined;
  return node.nullable ? [node.type, 'null'] : node.type;
}

function exclusive(out: Record<string, unknown>, node: JsonSchemaNode): void {
  if (node.exclusiveMinimum === true && node.minimum !== undefined) {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true && node.maximum !== undefined) {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  }
}

function children(out: Record<string, unknown>, node: JsonSchemaNode): void {
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, toJsonSchema(v)]));
  if (node.items) out.items = toJsonSchema(node.items);
  if (typeof node.additionalProperties === 'object') out.additionalProperties = toJsonSchema(node.additionalProperties);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (node[key]) out[key] = node[key].map(toJsonSchema);
  }
  if (node.not) out.not = toJsonSchema(node.not);
}

export function toJsonSchema(node: JsonSchemaNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const type = typeOf(node);
  if (type && !node['x-kubernetes-int-or-string']) out.type = type;
  for (const key of COPIED) if (node[key] !== undefined) out[key] = node[key];
  exclusive(out, node);
  if (node.enum) out.enum = node.nullable ? [...node.enum, null] : node.enum;
  if (node.format && CHECKED_FORMATS.has(node.format)) out.format = node.format;
  children(out, node);
  if (node['x-kubernetes-int-or-string']) {
    const intOrString = [{ type: 'integer' }, { type: 'string' }];
    if (out.anyOf) out.allOf = [...((out.allOf as unknown[]) ?? []), { anyOf: intOrString }];
    else out.anyOf = intOrString;
  }
  return out;
}

/** The root schema of a custom resource: apiVersion, kind and metadata are the server's business. */
export function rootJsonSchema(node: JsonSchemaNode): Record<string, unknown> {
  const root = toJsonSchema(node);
  const properties = { ...(root.properties as Record<string, unknown>) };
  properties.metadata = { type: 'object' };
  properties.apiVersion = { type: 'string' };
  properties.kind = { type: 'string' };
  return { ...root, properties };
}
