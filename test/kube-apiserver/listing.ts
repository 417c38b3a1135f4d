// List semantics: label and field selectors, and paging with limit/continue over a consistent
// snapshot (the continue token pins the resourceVersion of the first page, as etcd does).
import { clone } from './clone.ts';
import { badRequest, expired } from './errors.ts';
import { withTypeMeta } from './object-rules.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import type { Storage } from './storage.ts';
import { apiVersionOf, objectKey, storageKeyOf, type KubeObject, type ResourceType } from './types.ts';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface KubeList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeToken(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(raw: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof token.rv === 'number' && typeof token.start === 'string') return token;
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function keyOf(obj: Readonly<KubeObject>): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name ?? '');
}

function snapshotAt(
  storage: Storage,
  type: ResourceType,
  namespace: string | undefined,
  token: ContinueToken | undefined,
): ReadonlyArray<Readonly<KubeObject>> {
  if (!token) return storage.view(storageKeyOf(type), namespace);
  try {
    return storage.snapshot(storageKeyOf(type), token.rv, namespace);
  } catch {
    throw expired(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    );
  }
}

export function listObjects(storage: Storage, type: ResourceType, namespace: string | undefined, options: ListOptions): KubeList {
  const token = options.continue ? decodeToken(options.continue) : undefined;
  const rv = token?.rv ?? storage.revision;
  const matchesLabels = parseLabelSelector(options.labelSelector);
  const matchesFields = parseFieldSelector(options.fieldSelector, type.extraFieldSelectors);
  const matching = snapshotAt(storage, type, namespace, token)
    .filter((obj) => !token || keyOf(obj) > token.start)
    .filter((obj) => matchesLabels(obj) && matchesFields(obj));
  const limit = options.limit && options.limit > 0 ? options.limit : matching.length;
  const page = matching.slice(0, limit);
  const list: KubeList = {
    apiVersion: apiVersionOf(type),
    kind: type.listKind,
    metadata: { resourceVersion: String(rv) },
    items: page.map((obj) => withTypeMeta(type, clone(obj) as KubeObject)),
  };
  if (matching.length > page.length) {
    list.metadata.continue = encodeToken({ rv, start: keyOf(page[page.length - 1]) });
    if (!options.labelSelector && !options.fieldSelector) list.metadata.remainingItemCount = matching.length - page.length;
  }
  return list;
}
