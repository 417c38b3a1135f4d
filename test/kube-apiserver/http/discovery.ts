// Discovery documents: /api, /apis, /apis/<group>, /api/v1 and /apis/<group>/<version>.
import type { Registry } from '../registry.ts';
import type { ResourceType } from '../types.ts';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersions(): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
}

function groupDocument(registry: Registry, group: string): Record<string, unknown> {
  const versions = registry.groupVersions(group).map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: Registry): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map((g) => groupDocument(registry, g)) };
}

export function apiGroup(registry: Registry, group: string): Record<string, unknown> | undefined {
  if (registry.groupVersions(group).length === 0) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(registry, group) };
}

function resourceEntries(type: ResourceType): Record<string, unknown>[] {
  const main = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: VERBS,
    ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
  };
  if (!type.hasStatus) return [main];
  const status = {
    name: `${type.plural}/status`,
    singularName: '',
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: ['get', 'patch', 'update'],
  };
  return [main, status];
}

export function apiResourceList(registry: Registry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap(resourceEntries),
  };
}

export function versionInfo(): Record<string, unknown> {
  return { major: '1', minor: '33', gitVersion: 'v1.33.0-kube-apiserver-test', platform: 'linux/amd64' };
}
