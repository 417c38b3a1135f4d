// The pool's HorizontalPodAutoscaler (autoscaling/v2): CPU utilisation target between min and
// max replicas. Scale-down waits for a stabilisation window and then removes at most N pods per
// minute, so busy pods are not removed in bursts; scale-up is Kubernetes' default (fast).
import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { PoolConfig } from './config.ts';
import { childMeta, withSpecHash, type PoolOwner } from './meta.ts';

export function buildHorizontalPodAutoscaler(config: PoolConfig, owner?: PoolOwner): V2HorizontalPodAutoscaler {
  return withSpecHash({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: childMeta(config, owner),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: config.name },
      minReplicas: config.minReplicas,
      maxReplicas: config.maxReplicas,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: config.cpuTargetPercent } } },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: config.scaleDownStabilizationSeconds,
          selectPolicy: 'Min',
          policies: [{ type: 'Pods', value: config.scaleDownPodsPerMinute, periodSeconds: 60 }],
        },
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Percent', value: 100, periodSeconds: 15 },
            { type: 'Pods', value: 4, periodSeconds: 15 },
          ],
        },
      },
    },
  });
}
