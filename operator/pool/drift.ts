// Whether a live child still is what the operator built, and what an update sends. A child is
// updated when its spec-hash annotation differs (the configuration changed) or when it no
// longer carries every field the operator set (someone edited it). Fields the API server or
// other controllers add (defaults, clusterIP, status, the HPA's replicas) are not ours and never
// cause an update: the desired object is compared as a subset of the live one.
import type { KubernetesObject } from '@kubernetes/client-node';
import { quantityValue } from './quantity.ts';
import { specHashOf } from './meta.ts';

export type ChildAction = 'create' | 'update' | 'none';

function sameScalar(desired: unknown, live: unknown): boolean {
  if (desired === live) return true;
  // The API server writes quantities canonically ("1000m" → "1"); compare their values.
  if (typeof desired === 'string' && typeof live === 'string') {
    const a = quantityValue(desired);
    return a !== undefined && a === quantityValue(live);
  }
  return false;
}

/** True when every field of `desired` is in `live` with the same value (lists: same length, item by item). */
export function isSubset(desired: unknown, live: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(live) && live.length === desired.length && desired.every((item, i) => isSubset(item, live[i]));
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
    const record = live as Record<string, unknown>;
    return Object.entries(desired as Record<string, unknown>).every(([key, value]) => value === undefined || isSubset(value, record[key]));
  }
  return sameScalar(desired, live);
}

/** The fields the operator owns; a Deployment's spec.replicas belongs to the HPA after creation. */
export function ownedFields(desired: KubernetesObject): KubernetesObject {
  const { metadata, ...rest } = desired as KubernetesObject & { spec?: Record<string, unknown> };
  const owned = {
    ...rest,
    metadata: { labels: metadata?.labels, annotations: metadata?.annotations, ownerReferences: metadata?.ownerReferences },
  };
  if (desired.kind === 'Deployment' && owned.spec) {
    const { replicas: _replicas, ...spec } = owned.spec;
    owned.spec = spec;
  }
  return owned;
}

export function decideChild(desired: KubernetesObject, live: KubernetesObject | undefined): ChildAction {
  if (!live) return 'create';
  if (specHashOf(desired) !== specHashOf(live)) return 'update';
  return isSubset(ownedFields(desired), live) ? 'none' : 'update';
}

type WithSpec = KubernetesObject & { spec?: Record<string, unknown> };

/** Our spec keys over the live spec (server-set keys such as a Service's clusterIP stay); a Deployment keeps the HPA's replicas. */
function mergedSpec(desired: WithSpec, live: WithSpec): Record<string, unknown> | undefined {
  if (desired.spec === undefined) return live.spec;
  const spec = { ...live.spec, ...desired.spec };
  if (desired.kind === 'Deployment') spec.replicas = live.spec?.replicas ?? desired.spec.replicas;
  return spec;
}

/**
 * The body of a PUT that restores our fields on the live object: our labels, annotations and
 * owner references merged over the live ones, and our spec (mergedSpec).
 */
export function updateBody(desired: KubernetesObject, live: KubernetesObject): KubernetesObject {
  const meta = live.metadata ?? {};
  const ours = desired.metadata ?? {};
  const spec = mergedSpec(desired, live);
  return {
    ...live,
    ...desired,
    metadata: {
      ...meta,
      labels: { ...meta.labels, ...ours.labels },
      annotations: { ...meta.annotations, ...ours.annotations },
      ownerReferences: ours.ownerReferences ?? meta.ownerReferences,
    },
    ...(spec !== undefined && { spec }),
  } as KubernetesObject;
}
