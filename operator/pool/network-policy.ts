// The pool's optional NetworkPolicy. Ingress to the converter port only from the operator's pods,
// from the chart's `helm test` pod (it converts a tiny archive through the pool), from
// Prometheus' namespace (scrapes) and from the configured namespaces (uploads). Egress only to
// DNS, to Redis' port, and to the configured CIDRs on 443/80 (source downloads, output uploads).
import type { V1NetworkPolicy, V1NetworkPolicyPeer } from '@kubernetes/client-node';
import { LABELS } from '../api/constants.ts';
import type { PoolConfig, PoolNetworkPolicy } from './config.ts';
import { CONVERTER_PORT } from './derived.ts';
import { APP_NAME, childMeta, selectorLabels, withSpecHash, type PoolOwner } from './meta.ts';

/** Labels the operator's own pods carry (the chart sets them). */
export const OPERATOR_POD_LABELS: Readonly<Record<string, string>> = { [LABELS.name]: APP_NAME, [LABELS.component]: 'operator' };
/** Labels of the chart's `helm test` pod. */
export const HELM_TEST_POD_LABELS: Readonly<Record<string, string>> = { [LABELS.name]: APP_NAME, [LABELS.component]: 'test' };
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function ingressPeers(policy: PoolNetworkPolicy): V1NetworkPolicyPeer[] {
  const namespaces = [policy.prometheusNamespace, ...policy.ingressNamespaces];
  return [
    { podSelector: { matchLabels: { ...OPERATOR_POD_LABELS } } },
    { podSelector: { matchLabels: { ...HELM_TEST_POD_LABELS } } },
    { namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...new Set(namespaces)] }] } },
  ];
}

export function buildNetworkPolicy(config: PoolConfig, policy: PoolNetworkPolicy, owner?: PoolOwner): V1NetworkPolicy {
  const web = [
    { protocol: 'TCP', port: 443 },
    { protocol: 'TCP', port: 80 },
  ];
  return withSpecHash({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: childMeta(config, owner),
    spec: {
      podSelector: { matchLabels: selectorLabels(config) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: ingressPeers(policy), ports: [{ protocol: 'TCP', port: CONVERTER_PORT }] }],
      egress: [
        {
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
        { ports: [{ protocol: 'TCP', port: policy.redisPort }] },
        ...(policy.egressCidrs.length > 0 ? [{ to: policy.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: web }] : []),
      ],
    },
  });
}
