// Maps a request path onto the API's URL layout: discovery documents or a resource
// (collection, object, subresource; namespaced or cluster-scoped).
import type { Registry } from '../registry.ts';
import type { ResourceType } from '../types.ts';

export type Route =
  | { kind: 'discovery'; document: 'api' | 'apis' | 'version' | 'health' }
  | { kind: 'resource-list'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'openapi'; prefix?: string }
  | { kind: 'resource'; type: ResourceType; namespace?: string; name?: string; subresource?: string }
  | { kind: 'unknown' };

const HEALTH = new Set(['healthz', 'readyz', 'livez']);

/** /openapi/v3 (the index) and /openapi/v3/<api/v1 | apis/group/version>. */
function openApiRoute(parts: string[]): Route | undefined {
  if (parts[0] !== 'openapi' || parts[1] !== 'v3') return undefined;
  return { kind: 'openapi', prefix: parts.length > 2 ? parts.slice(2).join('/') : undefined };
}

function discoveryRoute(parts: string[]): Route | undefined {
  if (parts.length === 1 && HEALTH.has(parts[0])) return { kind: 'discovery', document: 'health' };
  if (parts.length === 1 && parts[0] === 'version') return { kind: 'discovery', document: 'version' };
  if (parts.length === 1 && (parts[0] === 'api' || parts[0] === 'apis')) return { kind: 'discovery', document: parts[0] };
  if (parts.length === 2 && parts[0] === 'api') return { kind: 'resource-list', group: '', version: parts[1] };
  if (parts.length === 2 && parts[0] === 'apis') return { kind: 'group', group: parts[1] };
  if (parts.length === 3 && parts[0] === 'apis') return { kind: 'resource-list', group: parts[1], version: parts[2] };
  return undefined;
}

function resourceRoute(registry: Registry, group: string, version: string, rest: string[]): Route {
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3 && registry.byResource(group, version, rest[2]);
  if (namespaced) {
    const [, namespace, , name, subresource, ...extra] = rest;
    if (extra.length > 0 || !namespaced.namespaced) return { kind: 'unknown' };
    return { kind: 'resource', type: namespaced, namespace, name, subresource };
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = registry.byResource(group, version, plural);
  if (!type || extra.length > 0) return { kind: 'unknown' };
  return { kind: 'resource', type, name, subresource };
}

export function route(registry: Registry, pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  const discovery = discoveryRoute(parts) ?? openApiRoute(parts);
  if (discovery) return discovery;
  if (parts[0] === 'api' && parts.length > 2) return resourceRoute(registry, '', parts[1], parts.slice(2));
  if (parts[0] === 'apis' && parts.length > 3) return resourceRoute(registry, parts[1], parts[2], parts.slice(3));
  return { kind: 'unknown' };
}
