// Reads and writes DocConversions through the API server: fresh GETs (level-triggered
// reconciles never trust a cached copy for decisions), status through the status subresource,
// finalizers through merge patches that carry resourceVersion, so a stale write fails with a
// ConflictError instead of clobbering someone else's change.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { CustomObjectsApi, KubernetesListObject } from '@kubernetes/client-node';
import { FIELD_MANAGER, GROUP, PLURAL, VERSION } from '../api/constants.ts';
import type { DocConversion, DocConversionStatus } from '../api/docconversion.generated.ts';
import { ConflictError, isConflict, isNotFound } from './api-errors.ts';

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const COORDINATES = { group: GROUP, version: VERSION, plural: PLURAL };

export class DocConversionApi {
  private readonly custom: CustomObjectsApi;

  constructor(custom: CustomObjectsApi) {
    this.custom = custom;
  }

  async get(namespace: string, name: string): Promise<DocConversion | undefined> {
    try {
      return (await this.custom.getNamespacedCustomObject({ ...COORDINATES, namespace, name })) as DocConversion;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** One page of DocConversions in a namespace, or in all namespaces when namespace is empty. */
  async list(namespace: string): Promise<KubernetesListObject<DocConversion>> {
    const list = namespace
      ? await this.custom.listNamespacedCustomObject({ ...COORDINATES, namespace })
      : await this.custom.listClusterCustomObject(COORDINATES);
    return list as KubernetesListObject<DocConversion>;
  }

  async patchStatus(object: DocConversion, status: DocConversionStatus): Promise<DocConversion> {
    const body = { metadata: { resourceVersion: object.metadata?.resourceVersion }, status };
    return this.write('status', () =>
      this.custom.patchNamespacedCustomObjectStatus({ ...this.ref(object), body, fieldManager: FIELD_MANAGER }, MERGE_PATCH),
    );
  }

  async setFinalizers(object: DocConversion, finalizers: string[]): Promise<DocConversion> {
    const body = { metadata: { resourceVersion: object.metadata?.resourceVersion, finalizers } };
    return this.write('finalizers', () =>
      this.custom.patchNamespacedCustomObject({ ...this.ref(object), body, fieldManager: FIELD_MANAGER }, MERGE_PATCH),
    );
  }

  /** Deletes this very object (uid precondition); gone already is fine. */
  async delete(object: DocConversion): Promise<void> {
    try {
      await this.custom.deleteNamespacedCustomObject({
        ...this.ref(object),
        body: { preconditions: { uid: object.metadata?.uid } },
      });
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      throw error;
    }
  }

  private ref(object: DocConversion): { group: string; version: string; plural: string; namespace: string; name: string } {
    return { ...COORDINATES, namespace: object.metadata?.namespace ?? '', name: object.metadata?.name ?? '' };
  }

  private async write(what: string, call: () => Promise<unknown>): Promise<DocConversion> {
    try {
      return (await call()) as DocConversion;
    } catch (error) {
      if (isConflict(error)) throw new ConflictError(what, { cause: error });
      throw error;
    }
  }
}
