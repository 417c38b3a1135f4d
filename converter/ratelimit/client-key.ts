// Who a request counts against. The IP is Express's req.ip, which honours the app's
// `trust proxy` setting: with no trusted proxy a client cannot pick its address through
// X-Forwarded-For. An API key gets its own bucket only when it is a configured key; unknown
// keys count against the IP (otherwise inventing keys would dodge the limit).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export interface ClientKeyRule {
  apiKeyHeader?: string;
  apiKeys: readonly string[];
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function clientKeyResolver(rule: ClientKeyRule): (req: Request) => { key: string; kind: 'ip' | 'api-key' } {
  const known = rule.apiKeys.map(digest);
  return (req) => {
    const presented = rule.apiKeyHeader === undefined ? undefined : req.get(rule.apiKeyHeader);
    if (presented !== undefined && presented !== '') {
      const hashed = digest(presented);
      // Compared as fixed-length digests in constant time; the key itself is never stored.
      if (known.some((candidate) => timingSafeEqual(candidate, hashed))) {
        return { key: `key:${hashed.toString('hex').slice(0, 32)}`, kind: 'api-key' };
      }
    }
    return { key: `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, kind: 'ip' };
  };
}
