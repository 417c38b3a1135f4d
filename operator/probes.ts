// The operator's HTTP endpoints: /healthz (the process answers) and /readyz (informer caches
// synced) on the probe port, /metrics on the metrics port. Plain node:http: three routes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ProbeSources {
  ready: () => boolean;
  registry: Registry;
}

export type RouteTable = Record<string, (res: http.ServerResponse) => Promise<void> | void>;

export function probeRoutes(sources: ProbeSources): RouteTable {
  return {
    '/healthz': (res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    '/readyz': (res) => {
      const ready = sources.ready();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok' : 'informers not synced');
    },
  };
}

export function metricsRoutes(sources: ProbeSources): RouteTable {
  return {
    '/metrics': async (res) => {
      const body = await sources.registry.metrics();
      res.writeHead(200, { 'content-type': sources.registry.contentType }).end(body);
    },
  };
}

export class RouteServer {
  private readonly server: http.Server;

  constructor(routes: RouteTable) {
    this.server = http.createServer((req, res) => {
      const route = req.method === 'GET' ? routes[new URL(req.url ?? '/', 'http://x').pathname] : undefined;
      if (!route) return void res.writeHead(404).end();
      Promise.resolve(route(res)).catch(() => res.writeHead(500).end());
    });
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
