// One HTTP(S) request whose connection is checked against the address policy at connect time:
// the agents resolve names through a lookup that refuses forbidden addresses, so the address
// checked is the address dialled (no DNS-rebinding gap between check and connect). IP-literal
// hosts never reach a lookup, so they are checked before dialling, and the socket's remote
// address is checked again once connected.
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address; injected in tests to simulate hostile DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, order: 'verbatim' });

/** The connection would reach an address the policy refuses. */
export class ForbiddenAddressError extends Error {
  constructor(host: string) {
    super(`Connection to ${host} refused by the address policy`);
    this.name = 'ForbiddenAddressError';
  }
}

/** The URL is not http(s). */
export class ForbiddenSchemeError extends Error {
  constructor(protocol: string) {
    super(`Scheme ${protocol} is not allowed`);
    this.name = 'ForbiddenSchemeError';
  }
}

export function guardedLookup(policy: AddressPolicy, resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname)
      .then((addresses) => {
        const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) throw Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' });
        // Any refused address refuses the name: a mixed answer is how rebinding hides.
        if (wanted.some((a) => !policy.permits(a.address, hostname))) throw new ForbiddenAddressError(hostname);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

export interface GuardedRequest {
  method: 'GET' | 'PUT';
  headers?: Record<string, string>;
  body?: Buffer;
  signal: AbortSignal;
}

export class GuardedHttp {
  private readonly policy: AddressPolicy;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(policy: AddressPolicy, resolver: Resolver = systemResolver) {
    const lookup = guardedLookup(policy, resolver);
    this.policy = policy;
    this.httpAgent = new http.Agent({ lookup, keepAlive: false });
    this.httpsAgent = new https.Agent({ lookup, keepAlive: false });
  }

  /** Sends one request (no redirects followed) and resolves with the response head. */
  request(url: URL, init: GuardedRequest): Promise<IncomingMessage> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new ForbiddenSchemeError(url.protocol));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    if (isIP(host) !== 0 && !this.policy.permits(host, host, port)) return Promise.reject(new ForbiddenAddressError(host));
    const client = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
    return new Promise((resolve, reject) => {
      const req = client.request(url, { method: init.method, headers: init.headers, agent, signal: init.signal }, resolve);
      req.once('error', reject);
      req.once('socket', (socket) => {
        socket.once('connect', () => {
          // The final word: the address and port really connected to (allow-list entries may name a port).
          if (socket.remoteAddress !== undefined && !this.policy.permits(socket.remoteAddress, host, socket.remotePort)) {
            req.destroy(new ForbiddenAddressError(host));
          }
        });
      });
      req.end(init.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
