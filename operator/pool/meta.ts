// What every pool child shares: labels (contract §1), the selector, the owner reference to the
// operator's own Deployment, and the spec-hash annotation the reconciler compares to decide
// whether a child needs an update.
import { createHash } from 'node:crypto';
import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import { canonicalJson } from '../../common/canonical-json.ts';
import { LABELS, MANAGED_BY } from '../api/constants.ts';
import type { PoolConfig } from './config.ts';

export const SPEC_HASH_ANNOTATION = 'docc2context.io/spec-hash';
export const COMPONENT = 'converter';
export const APP_NAME = 'docc2context';

/** The operator's Deployment as read from the API server (the uid makes the reference). */
export interface PoolOwner {
  name: string;
  uid: string;
}

/** Selects the pool's pods; immutable on a Deployment, so it never carries a version. */
export function selectorLabels(config: Pick<PoolConfig, 'name'>): Record<string, string> {
  return { [LABELS.name]: APP_NAME, [LABELS.component]: COMPONENT, [LABELS.instance]: config.name };
}

export function poolLabels(config: Pick<PoolConfig, 'name'>): Record<string, string> {
  return { ...selectorLabels(config), [LABELS.managedBy]: MANAGED_BY };
}

/** The label selector of the operator's pool informers. */
export function poolLabelSelector(config: Pick<PoolConfig, 'name'>): string {
  return Object.entries(poolLabels(config))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

export function ownerReference(owner: PoolOwner): V1OwnerReference {
  // No blockOwnerDeletion: it would need update on deployments/finalizers, and background
  // deletion (helm uninstall) removes the children either way.
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: owner.name, uid: owner.uid, controller: true };
}

export function childMeta(config: Pick<PoolConfig, 'name' | 'namespace'>, owner: PoolOwner | undefined): V1ObjectMeta {
  return {
    name: config.name,
    namespace: config.namespace,
    labels: poolLabels(config),
    ...(owner && { ownerReferences: [ownerReference(owner)] }),
  };
}

/** The object with its spec-hash annotation: sha256 (16 hex) of everything else the builder set. */
export function withSpecHash<T extends { metadata?: V1ObjectMeta }>(object: T): T {
  const hash = createHash('sha256').update(canonicalJson(object)).digest('hex').slice(0, 16);
  const metadata = object.metadata ?? {};
  return { ...object, metadata: { ...metadata, annotations: { ...metadata.annotations, [SPEC_HASH_ANNOTATION]: hash } } };
}

export function specHashOf(object: { metadata?: { annotations?: Record<string, string> } } | undefined): string | undefined {
  return object?.metadata?.annotations?.[SPEC_HASH_ANNOTATION];
}
