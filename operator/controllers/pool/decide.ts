// decidePool(): what to do about each pool child, as a pure function of the children the
// configuration asks for and the live objects. Create what is missing, update what drifted
// (spec hash or our fields), delete a child of an optional kind that was turned off — but only
// one the operator made (managed-by label), never a stranger's object of the same name.
import type { KubernetesObject } from '@kubernetes/client-node';
import { LABELS, MANAGED_BY } from '../../api/constants.ts';
import { decideChild, updateBody } from '../../pool/drift.ts';
import { kindOf, type PoolKind, type PoolPlan } from '../../pool/index.ts';

export type PoolAction =
  | { type: 'create'; kind: PoolKind; object: KubernetesObject }
  | { type: 'update'; kind: PoolKind; object: KubernetesObject }
  | { type: 'delete'; kind: PoolKind; object: KubernetesObject };

/** Live objects by kind name ("Deployment"), as read by gather; undefined when absent. */
export type LiveChildren = ReadonlyMap<string, KubernetesObject | undefined>;

export function isOurs(object: KubernetesObject | undefined): boolean {
  return object?.metadata?.labels?.[LABELS.managedBy] === MANAGED_BY;
}

export function decidePool(plan: PoolPlan, live: LiveChildren): PoolAction[] {
  const actions: PoolAction[] = [];
  for (const desired of plan.desired) {
    const kind = kindOf(desired);
    const current = live.get(kind.kind);
    const action = decideChild(desired, current);
    if (action === 'create') actions.push({ type: 'create', kind, object: desired });
    if (action === 'update' && current) actions.push({ type: 'update', kind, object: updateBody(desired, current) });
  }
  for (const kind of plan.absent) {
    const current = live.get(kind.kind);
    if (current && isOurs(current)) actions.push({ type: 'delete', kind, object: current });
  }
  return actions;
}

/** Ready pods of the pool Deployment as its status reports them. */
export function readyReplicasOf(deployment: KubernetesObject | undefined): number {
  return (deployment as { status?: { readyReplicas?: number } } | undefined)?.status?.readyReplicas ?? 0;
}
