// What compare-and-set compares: the SHA-1 of a stored value (Redis' Lua has redis.sha1hex), so a
// replayed write or delete need not ship or keep the value it expects Redis to hold.
import { createHash } from 'node:crypto';

export function valueDigest(value: Buffer): string {
  return createHash('sha1').update(value).digest('hex');
}
