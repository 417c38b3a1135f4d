// RBAC as the API server evaluates it, over the objects a chart renders: which calls the
// bindings allow, and which (group, resource, verb) triples the rules grant. Test support for
// rbac.integration.test.ts; pure.
import type { RequestInfo } from '../../kube-apiserver/faults.ts';
import type { K8sObject } from '../../support/helm.ts';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** One API call as RBAC sees it; `resource` is `plural` or `plural/subresource`. */
export interface Call {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

interface Grant {
  rules: PolicyRule[];
  /** undefined: every namespace and cluster-scoped calls (a ClusterRoleBinding). */
  namespace?: string;
}

const NAME_INDEPENDENT_VERBS = new Set(['create', 'list', 'watch', 'deletecollection']);

export const callOf = (request: RequestInfo): Call => ({
  verb: request.verb,
  group: request.group,
  resource: request.subresource ? `${request.resource.split('/')[0]}/${request.subresource}` : request.resource,
  namespace: request.namespace,
  name: request.name,
});

export const callKey = (call: Pick<Call, 'verb' | 'group' | 'resource'>): string => `${call.verb} ${call.group}/${call.resource}`;

function ruleAllows(rule: PolicyRule, call: Call): boolean {
  if (!rule.apiGroups.includes(call.group) || !rule.resources.includes(call.resource) || !rule.verbs.includes(call.verb)) return false;
  if (!rule.resourceNames || rule.resourceNames.length === 0) return true;
  return !NAME_INDEPENDENT_VERBS.has(call.verb) && call.name !== undefined && rule.resourceNames.includes(call.name);
}

/** What each binding to `serviceAccount` grants, and where. */
export function grantsFor(objects: readonly K8sObject[], serviceAccount: { name: string; namespace: string }): Grant[] {
  const roles = new Map(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role').map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, (o.rules ?? []) as PolicyRule[]]));
  const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding');
  return bindings
    .filter((binding) => (binding.subjects as { kind: string; name: string; namespace?: string }[]).some((s) => s.kind === 'ServiceAccount' && s.name === serviceAccount.name && s.namespace === serviceAccount.namespace))
    .map((binding) => {
      const ref = binding.roleRef as { kind: string; name: string };
      const roleNamespace = ref.kind === 'Role' ? binding.metadata.namespace : '';
      return { rules: roles.get(`${ref.kind}/${roleNamespace}/${ref.name}`) ?? [], namespace: binding.kind === 'RoleBinding' ? binding.metadata.namespace : undefined };
    });
}

export function allows(grants: readonly Grant[], call: Call): boolean {
  return grants.some((grant) =>
    (grant.namespace === undefined || grant.namespace === call.namespace) && grant.rules.some((rule) => ruleAllows(rule, call)));
}

/** Every `verb group/resource` the rules of the grants name. */
export function grantedKeys(grants: readonly Grant[]): Set<string> {
  const rules = grants.flatMap((grant) => grant.rules);
  return new Set(rules.flatMap((rule) =>
    rule.apiGroups.flatMap((group) =>
      rule.resources.flatMap((resource) => rule.verbs.map((verb) => callKey({ verb, group, resource }))))));
}
