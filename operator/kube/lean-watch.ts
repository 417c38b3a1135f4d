// The informer cache keeps every watched object for the operator's lifetime; at 10,000
// DocConversions the `metadata.managedFields` (server-side apply bookkeeping the operator never
// reads) are a large share of it. This wraps client-node's Watch and list function so objects
// enter the cache without them.
import { ListWatch, Watch } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { SupervisedInformer } from './informer-supervisor.ts';

type WatchCallback = (phase: string, apiObj: unknown, watchObj?: unknown) => void;

export function stripManagedFields<T>(object: T): T {
  const meta = (object as { metadata?: { managedFields?: unknown } } | undefined)?.metadata;
  if (meta && 'managedFields' in meta) delete meta.managedFields;
  return object;
}

class LeanWatch extends Watch {
  override watch(path: string, queryParams: Record<string, string | number | boolean | undefined>, callback: WatchCallback, done: (err: unknown) => void): Promise<AbortController> {
    return super.watch(path, queryParams, (phase, object, watchObj) => callback(phase, stripManagedFields(object), watchObj), done);
  }
}

/** Like client-node's makeInformer, with objects cached without managedFields. */
export function makeLeanInformer<T extends KubernetesObject>(
  kc: KubeConfig,
  path: string,
  list: () => Promise<KubernetesListObject<T>>,
): SupervisedInformer<T> {
  const leanList = async (): Promise<KubernetesListObject<T>> => {
    const result = await list();
    result.items.forEach(stripManagedFields);
    return result;
  };
  return new ListWatch<T>(path, new LeanWatch(kc), leanList, false);
}
