// The pool's PodDisruptionBudget: voluntary evictions (node drains) take one pod at a time, and
// pods that are not ready may always be evicted (they hold no capacity).
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { PoolConfig } from './config.ts';
import { childMeta, selectorLabels, withSpecHash, type PoolOwner } from './meta.ts';

export function buildPodDisruptionBudget(config: PoolConfig, owner?: PoolOwner): V1PodDisruptionBudget {
  return withSpecHash({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: childMeta(config, owner),
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(config) },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  });
}
