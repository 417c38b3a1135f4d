// @kubernetes/client-node 2.0 builds a new undici Agent for every request, so no connection is
// ever reused: each call opens a TCP (and TLS) connection, and the idle ones linger. At
// thousands of conversions that is thousands of sockets and handshakes. This keeps one Agent
// per distinct TLS identity (cluster + client credentials) for the KubeConfig's lifetime.
import type { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';

type CreateDispatcher = (cluster: unknown, agentOptions: Record<string, unknown>) => Dispatcher | undefined;

export interface SharedDispatchers {
  /** Destroys every cached Agent and its connections (on shutdown, after the informers stopped). */
  close(): Promise<void>;
}

function identityKey(cluster: unknown, agentOptions: Record<string, unknown>): string {
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = agentOptions;
  const material = JSON.stringify([
    cluster,
    String(ca),
    String(cert),
    String(key),
    String(pfx),
    passphrase,
    rejectUnauthorized,
    servername,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export function shareDispatchers(kc: KubeConfig): SharedDispatchers {
  const target = kc as unknown as { createDispatcher: CreateDispatcher };
  const create = target.createDispatcher.bind(kc);
  const cache = new Map<string, Dispatcher>();
  target.createDispatcher = (cluster, agentOptions) => {
    const id = identityKey(cluster, agentOptions);
    let dispatcher = cache.get(id);
    if (!dispatcher) {
      dispatcher = create(cluster, agentOptions);
      if (dispatcher) cache.set(id, dispatcher);
    }
    return dispatcher;
  };
  return {
    async close() {
      await Promise.all([...cache.values()].map((dispatcher) => dispatcher.destroy().catch(() => undefined)));
      cache.clear();
    },
  };
}
