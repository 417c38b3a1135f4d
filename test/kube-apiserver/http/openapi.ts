// OpenAPI v3 documents, the part kubectl reads: the root index (/openapi/v3) with one entry per
// group/version, and per group/version the paths of each resource. kubectl's default
// `--validate=strict` looks for the `fieldValidation` query parameter on the PATCH operation
// tagged with the kind's x-kubernetes-group-version-kind; finding it, kubectl leaves validation to
// the server (fieldValidation=Strict) instead of validating client-side. Custom resources carry
// their openAPIV3Schema under components.schemas, as the real server publishes them.
import { createHash } from 'node:crypto';
import type { Registry } from '../registry.ts';
import type { ResourceType } from '../types.ts';

type Json = Record<string, unknown>;

const queryParameter = (name: string, description: string): Json => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
});

// The write options every mutating operation of the real server declares.
const WRITE_PARAMETERS = [
  queryParameter('dryRun', 'When present, indicates that modifications should not be persisted.'),
  queryParameter('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  queryParameter(
    'fieldValidation',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.',
  ),
];
const PATCH_PARAMETERS = [...WRITE_PARAMETERS, { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } }];

/** The prefix a group/version is published under: `api/v1`, `apis/<group>/<version>`. */
export function openApiPrefix(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

function schemaId(t: ResourceType): string {
  const group = t.group ? t.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${t.version}.${t.kind}`;
}

function operation(t: ResourceType, action: string, parameters: Json[]): Json {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const ref = { $ref: `#/components/schemas/${schemaId(t)}` };
  return {
    operationId: `${action}${t.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    parameters,
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
  };
}

function resourcePaths(t: ResourceType): Json {
  const base = `/${openApiPrefix(t)}/${t.namespaced ? 'namespaces/{namespace}/' : ''}${t.plural}`;
  return {
    [base]: { get: operation(t, 'list', []), post: operation(t, 'post', WRITE_PARAMETERS), delete: operation(t, 'deletecollection', []) },
    [`${base}/{name}`]: {
      get: operation(t, 'get', []),
      put: operation(t, 'put', WRITE_PARAMETERS),
      patch: operation(t, 'patch', PATCH_PARAMETERS),
      delete: operation(t, 'delete', [queryParameter('dryRun', 'When present, indicates that modifications should not be persisted.')]),
    },
  };
}

function componentSchema(t: ResourceType): Json {
  const gvk = [{ group: t.group, version: t.version, kind: t.kind }];
  // Built-in kinds: an open object (kubectl only needs the operations); custom ones: their schema.
  const schema = t.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return { ...schema, 'x-kubernetes-group-version-kind': gvk };
}

/** The OpenAPI v3 document of one group/version; undefined when it is not served. */
export function openApiDocument(registry: Registry, prefix: string): Json | undefined {
  const types = registry.all().filter((t) => openApiPrefix(t) === prefix);
  if (types.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths: Object.assign({}, ...types.map(resourcePaths)) as Json,
    components: { schemas: Object.fromEntries(types.map((t) => [schemaId(t), componentSchema(t)])) },
  };
}

/** /openapi/v3: each group/version's document address, with a hash that changes with its content. */
export function openApiRoot(registry: Registry): Json {
  const prefixes = [...new Set(registry.all().map(openApiPrefix))];
  const paths = Object.fromEntries(
    prefixes.map((prefix) => {
      const hash = createHash('sha512')
        .update(JSON.stringify(openApiDocument(registry, prefix)))
        .digest('hex')
        .toUpperCase();
      return [prefix, { serverRelativeURL: `/openapi/v3/${prefix}?hash=${hash}` }];
    }),
  );
  return { paths };
}
