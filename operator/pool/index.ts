// The whole pool from one configuration: every child the operator keeps converged, in the order
// it creates them, and the optional kinds it removes when they are turned off.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { PoolConfig } from './config.ts';
import { buildDeployment } from './deployment.ts';
import { buildHorizontalPodAutoscaler } from './hpa.ts';
import type { PoolOwner } from './meta.ts';
import { buildNetworkPolicy } from './network-policy.ts';
import { buildPodDisruptionBudget } from './pdb.ts';
import { buildService } from './service.ts';
import { buildServiceMonitor } from './service-monitor.ts';

/** A kind the pool may hold, with where its objects live in the API. */
export interface PoolKind {
  apiVersion: string;
  kind: string;
  plural: string;
}

export const POOL_KINDS = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  service: { apiVersion: 'v1', kind: 'Service', plural: 'services' },
  hpa: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers' },
  pdb: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets' },
  networkPolicy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', plural: 'networkpolicies' },
  serviceMonitor: { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', plural: 'servicemonitors' },
} as const satisfies Record<string, PoolKind>;

export interface PoolPlan {
  /** Children to keep converged (Deployment first). */
  desired: KubernetesObject[];
  /** Optional kinds turned off: a child of ours left from an earlier configuration is deleted. */
  absent: PoolKind[];
}

export function buildPool(config: PoolConfig, owner?: PoolOwner): PoolPlan {
  const desired: KubernetesObject[] = [buildDeployment(config, owner), buildService(config, owner)];
  const absent: PoolKind[] = [];
  if (config.hpa) desired.push(buildHorizontalPodAutoscaler(config, owner));
  else absent.push(POOL_KINDS.hpa);
  desired.push(buildPodDisruptionBudget(config, owner));
  if (config.networkPolicy) desired.push(buildNetworkPolicy(config, config.networkPolicy, owner));
  else absent.push(POOL_KINDS.networkPolicy);
  if (config.serviceMonitor) desired.push(buildServiceMonitor(config, owner));
  else absent.push(POOL_KINDS.serviceMonitor);
  return { desired, absent };
}

export function kindOf(object: KubernetesObject): PoolKind {
  const found = Object.values(POOL_KINDS).find((k) => k.apiVersion === object.apiVersion && k.kind === object.kind);
  if (!found) throw new Error(`Not a pool kind: ${object.apiVersion} ${object.kind}`);
  return found;
}
