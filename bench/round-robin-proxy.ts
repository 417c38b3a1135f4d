// A round-robin TCP proxy: one address in front of several converter processes, the way a
// Service (kube-proxy) spreads connections over the pods behind it. Connection-level, like
// kube-proxy: an HTTP keep-alive connection stays on the backend it was given.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export class RoundRobinProxy {
  private readonly backends: number[];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private next = 0;
  /** Connections handed to each backend, by port. */
  readonly connections = new Map<number, number>();
  url = '';

  constructor(backendPorts: number[]) {
    this.backends = backendPorts;
    this.server = net.createServer((client) => this.forward(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: net.Socket): void {
    const port = this.backends[this.next++ % this.backends.length];
    this.connections.set(port, (this.connections.get(port) ?? 0) + 1);
    const upstream = net.connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  }
}
