// A local HTTP server for end-to-end tests: serves archive zips on GET (optionally held behind a
// gate until the test opens it) and records the bodies of PUT uploads, keyed by path.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class FixtureServer {
  /** Path → zip served on GET. */
  readonly files = new Map<string, Buffer>();
  /** Path (without query) → body received by PUT. */
  readonly uploads = new Map<string, Buffer>();
  /** Every request as "METHOD path". */
  readonly requests: string[] = [];
  /** Paths whose GETs wait until `open(path)`. */
  private readonly gates = new Map<string, { opened: Promise<void>; open: () => void }>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const path of this.gates.keys()) this.open(path);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  serve(path: string, zip: Buffer): string {
    this.files.set(path, zip);
    return `${this.url}${path}`;
  }

  /** GETs of `path` are held until `open(path)`. */
  hold(path: string): void {
    let open = (): void => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.gates.set(path, { opened, open });
  }

  open(path: string): void {
    this.gates.get(path)?.open();
    this.gates.delete(path);
  }

  count(line: string): number {
    return this.requests.filter((request) => request === line).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fixtures').pathname;
    this.requests.push(`${req.method} ${path}`);
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      this.uploads.set(path, Buffer.concat(chunks));
      res.writeHead(200).end();
      return;
    }
    await this.gates.get(path)?.opened;
    const body = this.files.get(path);
    if (req.method !== 'GET' || body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length }).end(body);
  }
}
