// ConfigMap I/O for DocConversions: reading a zipped source from binaryData, and writing the
// Markdown output owned by the DocConversion (garbage-collected with it).
import type { V1ConfigMap, V1OwnerReference } from '@kubernetes/client-node';
import { API_VERSION, KIND, LABELS, MANAGED_BY, PART_OF } from '../api/constants.ts';
import type { DocConversion } from '../api/docconversion.generated.ts';
import { DispatchError } from '../dispatch/errors.ts';
import { isConflict, isNotFound } from './api-errors.ts';
import type { ConfigMapApi } from './client.ts';

export class ConfigMapStore {
  private readonly core: ConfigMapApi;

  constructor(core: ConfigMapApi) {
    this.core = core;
  }

  /** The base64 of binaryData[key]; missing ConfigMap is transient (it may be created yet). */
  async readSource(namespace: string, ref: { name: string; key: string }): Promise<string> {
    let configMap: V1ConfigMap;
    try {
      configMap = await this.core.readNamespacedConfigMap({ namespace, name: ref.name });
    } catch (error) {
      if (isNotFound(error)) throw new DispatchError('NOT_FOUND', `ConfigMap ${ref.name} not found`, { permanent: false });
      throw error;
    }
    const value = configMap.binaryData?.[ref.key];
    if (value === undefined) {
      throw new DispatchError('BAD_REQUEST', `ConfigMap ${ref.name} has no binaryData key ${ref.key}`, { permanent: true });
    }
    return value;
  }

  /** Creates or replaces the output ConfigMap; refuses to take over one it does not own. */
  async writeOutput(owner: DocConversion, name: string, data: Record<string, string>): Promise<void> {
    const namespace = owner.metadata?.namespace ?? '';
    const body = outputConfigMap(owner, name, data);
    try {
      await this.core.createNamespacedConfigMap({ namespace, body });
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const existing = await this.core.readNamespacedConfigMap({ namespace, name });
    const owned = existing.metadata?.ownerReferences?.some((ref) => ref.uid === owner.metadata?.uid);
    if (!owned) throw new DispatchError('CONFLICT', `ConfigMap ${name} exists and is not owned by this DocConversion`, { permanent: true });
    body.metadata = { ...body.metadata, resourceVersion: existing.metadata?.resourceVersion };
    await this.core.replaceNamespacedConfigMap({ namespace, name, body });
  }
}

export function ownerReference(owner: DocConversion): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Label values hold at most 63 characters; longer DocConversion names go without the name label. */
function outputLabels(name: string): Record<string, string> {
  const labels: Record<string, string> = { [LABELS.partOf]: PART_OF, [LABELS.managedBy]: MANAGED_BY };
  if (name.length <= 63) labels[LABELS.docConversion] = name;
  return labels;
}

export function outputConfigMap(owner: DocConversion, name: string, data: Record<string, string>): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: owner.metadata?.namespace,
      labels: outputLabels(owner.metadata?.name ?? ''),
      ownerReferences: [ownerReference(owner)],
    },
    data,
  };
}
