// The informer cache keeps every watched object for the operator's lifetime, yet the operator
// reads little of it: reconciles re-read the object from the API server, so the cache only
// yields keys and, for the phase gauge, the phase. This wraps client-node's Watch and list
// function so each object enters the cache as a small summary (name, namespace, uid,
// resourceVersion and what the caller keeps) instead of the whole object.
import { ListWatch } from '@kubernetes/client-node/dist/cache.js';
import { Watch } from '@kubernetes/client-node/dist/watch.js';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { SupervisedInformer } from './informer-supervisor.ts';

type WatchCallback = (phase: string, apiObj: unknown, watchObj?: unknown) => void;

/** What every cached summary carries: the cache's key (namespace, name) and the object's version. */
export interface ObjectIdentity {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

/** Only the identity fields of `metadata`; the ListWatch compares resourceVersions to skip no-op updates. */
export function identityOf(object: KubernetesObject): ObjectIdentity {
  const { name, namespace, uid, resourceVersion } = object.metadata ?? {};
  return { name, namespace, uid, resourceVersion };
}

/** Watch events that carry an object of the watched kind (ERROR carries a Status, BOOKMARK only a version). */
const OBJECT_EVENTS: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED']);

class SummarizingWatch<T, C> extends Watch {
  private readonly summarize: (object: T) => C;

  constructor(kc: KubeConfig, summarize: (object: T) => C) {
    super(kc);
    this.summarize = summarize;
  }

  override watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: WatchCallback,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    const summarized: WatchCallback = (phase, object, watchObj) =>
      callback(phase, OBJECT_EVENTS.has(phase) ? this.summarize(object as T) : object, watchObj);
    return super.watch(path, queryParams, summarized, done);
  }
}

export interface LeanSource<T extends KubernetesObject> {
  path: string;
  list: () => Promise<KubernetesListObject<T>>;
  /** Label-selects the watch; `list` must apply the same selector. */
  labelSelector?: string;
}

/** Like client-node's makeInformer, with each object cached (and handed to callbacks) as `summarize(object)`. */
export function makeLeanInformer<T extends KubernetesObject, C extends KubernetesObject>(
  kc: KubeConfig,
  source: LeanSource<T>,
  summarize: (object: T) => C,
): SupervisedInformer<C> {
  const { path, list, labelSelector } = source;
  const leanList = async (): Promise<KubernetesListObject<C>> => {
    const result = await list();
    return { ...result, items: result.items.map(summarize) };
  };
  return new ListWatch<C>(path, new SummarizingWatch(kc, summarize), leanList, false, labelSelector);
}
