// The Kubernetes API test server: real HTTP on loopback, served by @kubernetes/client-node like a
// cluster. Public API documented in test/README.md.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { KubeConfig } from '@kubernetes/client-node';
import { builtinKinds } from './builtin-kinds.ts';
import { establishedStatus, isCrd, isEstablished, readCrdFile, registerCrd } from './crd-loader.ts';
import { RequestControls, type FaultRule } from './faults.ts';
import { GarbageCollector } from './gc.ts';
import { createHandler } from './http/handlers.ts';
import { WatchHub } from './http/watch-hub.ts';
import { kubeConfigFor } from './kubeconfig.ts';
import { ObjectApi } from './object-api.ts';
import { timestamp } from './object-rules.ts';
import { Registry } from './registry.ts';
import { ServerSideApply } from './apply/server-side-apply.ts';
import { Storage, type ChangeListener } from './storage.ts';
import { TestStore } from './test-store.ts';
import type { KubeObject } from './types.ts';

export interface KubeApiServerOptions {
  /** CRD YAML files to serve (e.g. `crds/docconversion.yaml`). */
  crdFiles?: string[];
  /** CRD objects to serve. */
  crds?: KubeObject[];
  /** Namespaces created at start besides default, kube-system, kube-public, kube-node-lease. */
  namespaces?: string[];
  /** Changes retained for watches and continue tokens before older ones get 410 (default 10000). */
  historyLimit?: number;
  /** Interval of BOOKMARK events on watches that allow them; 0 = only on `sendBookmarks()` (default 1000). */
  bookmarkIntervalMs?: number;
  /** The clock for creationTimestamp, deletionTimestamp and managedFields times. */
  clock?: () => Date;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Test-side levers: watches, history, faults and request counts. */
export class ServerControls {
  readonly #hub: WatchHub;
  readonly #storage: Storage;
  readonly requests: RequestControls;

  constructor(hub: WatchHub, storage: Storage, requests: RequestControls) {
    this.#hub = hub;
    this.#storage = storage;
    this.requests = requests;
  }

  /** Ends every open watch (cleanly, or by resetting the connections); returns how many. */
  dropWatches(options: { abrupt?: boolean } = {}): number {
    return this.#hub.dropAll(options.abrupt ?? false);
  }

  get openWatches(): number {
    return this.#hub.openCount;
  }

  /** Forgets the change history: watches and continue tokens from before now get 410. */
  compact(): void {
    this.#storage.compact();
  }

  /**
   * Calls `listener` synchronously with every stored change (the stored object itself: do not
   * modify it); returns the unsubscribe function. Counts progress without listing (and cloning) every object.
   */
  onChange(listener: ChangeListener): () => void {
    return this.#storage.subscribe(listener);
  }

  sendBookmarks(): void {
    this.#hub.sendBookmarks();
  }

  /** Delays the next `times` matching requests. */
  delayNext(rule: Omit<FaultRule, 'status' | 'reason' | 'message'> & { delayMs: number }): void {
    this.requests.inject(rule);
  }

  /** Fails the next `times` matching requests with a Status (500 InternalError by default). */
  failNext(rule: FaultRule): void {
    this.requests.inject({ status: 500, ...rule });
  }
}

export class KubeApiServer {
  readonly url: string;
  readonly store: TestStore;
  readonly controls: ServerControls;
  readonly registry: Registry;
  readonly #server: Server;
  readonly #hub: WatchHub;
  readonly #gc: GarbageCollector;
  readonly #clock: () => Date;

  constructor(parts: {
    url: string;
    server: Server;
    hub: WatchHub;
    gc: GarbageCollector;
    store: TestStore;
    controls: ServerControls;
    registry: Registry;
    clock: () => Date;
  }) {
    this.url = parts.url;
    this.#server = parts.server;
    this.#hub = parts.hub;
    this.#gc = parts.gc;
    this.store = parts.store;
    this.controls = parts.controls;
    this.registry = parts.registry;
    this.#clock = parts.clock;
  }

  /** A KubeConfig for this server (plain HTTP with skipTLSVerify, a dummy token). */
  kubeConfig(namespace = 'default'): KubeConfig {
    return kubeConfigFor(this.url, namespace);
  }

  /** Stores a CRD (served at once, status Established) and returns it. */
  addCrd(crd: KubeObject): KubeObject {
    const created = this.store.create(crd);
    return this.store.updateStatus({ ...created, status: establishedStatus(created, timestamp(this.#clock())) });
  }

  async addCrdFile(file: string): Promise<KubeObject[]> {
    return (await readCrdFile(file)).map((crd) => this.addCrd(crd));
  }

  /** Ends watches and connections, stops the garbage collector, stops listening. */
  async close(): Promise<void> {
    this.#gc.stop();
    this.#hub.dropAll(false);
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }
}

function establish({ api, registry, clock }: { api: ObjectApi; registry: Registry; clock: () => Date }, crd: KubeObject): void {
  const type = registry.byKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const current = type && api.find(type, undefined, crd.metadata.name ?? '');
  if (!type || !current || isEstablished(current)) return;
  api.replaceFrom(
    type,
    current,
    { ...current, status: establishedStatus(current, timestamp(clock())) },
    { subresource: 'status', fieldManager: 'kube-apiserver', dryRun: false },
  );
}

export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const clock = options.clock ?? ((): Date => new Date());
  const registry = new Registry();
  builtinKinds().forEach((type) => registry.add(type));
  const storage = new Storage(options.historyLimit ?? 10_000);
  storage.subscribe((change) => {
    const specChanged = change.type === 'ADDED' || !isDeepStrictEqual(change.object.spec, change.previous?.spec);
    if (change.type !== 'DELETED' && isCrd(change.object) && specChanged) {
      registerCrd(registry, change.object);
      // As the apiextensions controller does, soon after: a CRD created through the API becomes Established.
      setImmediate(() => establish({ api, registry, clock }, change.object));
    }
  });
  const api = new ObjectApi({ storage, registry, clock });
  const ssa = new ServerSideApply({ api, clock });
  const hub = new WatchHub(storage, options.bookmarkIntervalMs ?? 1000);
  const requests = new RequestControls();
  const gc = new GarbageCollector({ storage, registry, api });
  const server = createServer(
    createHandler({
      registry,
      storage,
      api,
      hub,
      controls: requests,
      clock,
      apply: (r, name, patch, o) => ssa.apply(r, name, patch, o),
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const store = new TestStore(registry, storage, api);
  const controls = new ServerControls(hub, storage, requests);
  const kube = new KubeApiServer({ url: `http://127.0.0.1:${port}`, server, hub, gc, store, controls, registry, clock });
  for (const name of [...SYSTEM_NAMESPACES, ...(options.namespaces ?? [])]) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  for (const crd of options.crds ?? []) kube.addCrd(crd);
  for (const file of options.crdFiles ?? []) await kube.addCrdFile(file);
  return kube;
}
