// Reads and writes DocConversions through the API server: fresh GETs (level-triggered
// reconciles never trust a cached copy for decisions), status through the status subresource,
// finalizers through merge patches that carry resourceVersion, so a stale write fails with a
// ConflictError instead of clobbering someone else's change.
import type { KubernetesListObject } from '@kubernetes/client-node';
import { FIELD_MANAGER, GROUP, PLURAL, VERSION } from '../api/constants.ts';
import type { DocConversion, DocConversionStatus } from '../api/docconversion.generated.ts';
import { ConflictError, isConflict, isNotFound } from './api-errors.ts';
import { MERGE_PATCH, apiPath } from './rest.ts';
import type { KubeRest } from './rest.ts';

const GROUP_VERSION = `/apis/${GROUP}/${VERSION}`;

/** Path of one DocConversion, or of the collection in a namespace (all namespaces when empty). */
function conversionPath(namespace: string, name?: string, subresource?: string): string {
  const scope = namespace ? apiPath(`${GROUP_VERSION}/namespaces`, namespace, PLURAL) : `${GROUP_VERSION}/${PLURAL}`;
  return name === undefined ? scope : apiPath(scope, name, ...(subresource ? [subresource] : []));
}

export class DocConversionApi {
  private readonly rest: Pick<KubeRest, 'request'>;

  constructor(rest: Pick<KubeRest, 'request'>) {
    this.rest = rest;
  }

  async get(namespace: string, name: string): Promise<DocConversion | undefined> {
    try {
      return await this.rest.request<DocConversion>({ method: 'GET', path: conversionPath(namespace, name) });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** One page of DocConversions in a namespace, or in all namespaces when namespace is empty. */
  async list(namespace: string): Promise<KubernetesListObject<DocConversion>> {
    return this.rest.request<KubernetesListObject<DocConversion>>({ method: 'GET', path: conversionPath(namespace) });
  }

  async patchStatus(object: DocConversion, status: DocConversionStatus): Promise<DocConversion> {
    const body = { metadata: { resourceVersion: object.metadata?.resourceVersion }, status };
    return this.write('status', () => this.patch(object, body, 'status'));
  }

  async setFinalizers(object: DocConversion, finalizers: string[]): Promise<DocConversion> {
    const body = { metadata: { resourceVersion: object.metadata?.resourceVersion, finalizers } };
    return this.write('finalizers', () => this.patch(object, body));
  }

  /** Deletes this very object (uid precondition); gone already is fine. */
  async delete(object: DocConversion): Promise<void> {
    try {
      await this.rest.request({ method: 'DELETE', path: this.pathOf(object), body: { preconditions: { uid: object.metadata?.uid } } });
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      throw error;
    }
  }

  private pathOf(object: DocConversion, subresource?: string): string {
    return conversionPath(object.metadata?.namespace ?? '', object.metadata?.name ?? '', subresource);
  }

  private patch(object: DocConversion, body: unknown, subresource?: string): Promise<DocConversion> {
    const path = this.pathOf(object, subresource);
    return this.rest.request<DocConversion>({
      method: 'PATCH',
      path,
      query: { fieldManager: FIELD_MANAGER },
      body,
      contentType: MERGE_PATCH,
    });
  }

  private async write(what: string, call: () => Promise<DocConversion>): Promise<DocConversion> {
    try {
      return await call();
    } catch (error) {
      if (isConflict(error)) throw new ConflictError(what, { cause: error });
      throw error;
    }
  }
}
