// Reads and writes the converter pool's children (Deployments, Services, HPAs, PDBs,
// NetworkPolicies, ServiceMonitors) in one namespace through the REST helper: fresh GETs,
// creates, PUTs carrying resourceVersion (a stale write fails with a ConflictError), deletes
// with a uid precondition, and label-selected lists for the informers.
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER } from '../api/constants.ts';
import { ConflictError, isConflict, isNotFound } from './api-errors.ts';
import { apiPath, type KubeRest } from './rest.ts';

/** A namespaced kind: its apiVersion ("v1", "apps/v1") and resource plural. */
export interface ApiKind {
  apiVersion: string;
  kind: string;
  plural: string;
}

export class NamespacedObjects {
  private readonly rest: Pick<KubeRest, 'request'>;
  readonly namespace: string;

  constructor(rest: Pick<KubeRest, 'request'>, namespace: string) {
    this.rest = rest;
    this.namespace = namespace;
  }

  /** The collection path, e.g. /apis/apps/v1/namespaces/ns/deployments. */
  collectionPath(kind: ApiKind): string {
    const prefix = kind.apiVersion.includes('/') ? `/apis/${kind.apiVersion}` : `/api/${kind.apiVersion}`;
    return apiPath(`${prefix}/namespaces`, this.namespace, kind.plural);
  }

  async get<T extends KubernetesObject>(kind: ApiKind, name: string): Promise<T | undefined> {
    try {
      return await this.rest.request<T>({ method: 'GET', path: apiPath(this.collectionPath(kind), name) });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  list<T extends KubernetesObject>(kind: ApiKind, labelSelector: string): Promise<KubernetesListObject<T>> {
    return this.rest.request<KubernetesListObject<T>>({ method: 'GET', path: this.collectionPath(kind), query: { labelSelector } });
  }

  create<T extends KubernetesObject>(kind: ApiKind, body: T): Promise<T> {
    return this.write(kind, () =>
      this.rest.request<T>({ method: 'POST', path: this.collectionPath(kind), query: { fieldManager: FIELD_MANAGER }, body }),
    );
  }

  /** PUT with the body's resourceVersion. */
  replace<T extends KubernetesObject>(kind: ApiKind, body: T): Promise<T> {
    const path = apiPath(this.collectionPath(kind), body.metadata?.name ?? '');
    return this.write(kind, () => this.rest.request<T>({ method: 'PUT', path, query: { fieldManager: FIELD_MANAGER }, body }));
  }

  /** Deletes this very object (uid precondition); gone already is fine. */
  async delete(kind: ApiKind, object: KubernetesObject): Promise<void> {
    const path = apiPath(this.collectionPath(kind), object.metadata?.name ?? '');
    try {
      await this.rest.request({
        method: 'DELETE',
        path,
        body: { preconditions: { uid: object.metadata?.uid }, propagationPolicy: 'Background' },
      });
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      throw error;
    }
  }

  private async write<T>(kind: ApiKind, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isConflict(error)) throw new ConflictError(kind.kind, { cause: error });
      throw error;
    }
  }
}
