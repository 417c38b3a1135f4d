// Which addresses a job may make this pod connect to (SSRF). Pure: an address is refused when it
// is not public unicast — loopback, link-local (cloud metadata at 169.254.169.254), private
// (RFC 1918, ULA), CGNAT, multicast, unspecified, documentation or otherwise reserved — unless
// the configured allow-list names its CIDR or the URL's host.
import { BlockList, isIP } from 'node:net';

const FORBIDDEN_V4 = [
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8', // RFC 1918
  '100.64.0.0/10', // CGNAT
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, cloud metadata
  '172.16.0.0/12', // RFC 1918
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // TEST-NET-1
  '192.88.99.0/24', // 6to4 relay anycast
  '192.168.0.0/16', // RFC 1918
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // TEST-NET-2
  '203.0.113.0/24', // TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, broadcast
];

// IPv6 outside 2000::/3 (global unicast) is refused outright: that covers ::, ::1, fc00::/7,
// fe80::/10, ff00::/8, 64:ff9b::/96 and 100::/64. Inside it, these are still not public hosts.
const FORBIDDEN_V6_IN_GLOBAL = [
  '2001::/23', // IETF protocol assignments (Teredo, ORCHID, ...)
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4: embeds an arbitrary IPv4 address
];

function subnets(cidrs: readonly string[], list: BlockList, family: 'ipv4' | 'ipv6'): BlockList {
  for (const cidr of cidrs) {
    const [network, prefix] = cidr.split('/');
    list.addSubnet(network!, Number(prefix), family);
  }
  return list;
}

const forbiddenV4 = subnets(FORBIDDEN_V4, new BlockList(), 'ipv4');
const forbiddenV6 = subnets(FORBIDDEN_V6_IN_GLOBAL, new BlockList(), 'ipv6');
const globalUnicastV6 = subnets(['2000::/3'], new BlockList(), 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if it is one. */
function mappedV4(address: string): string | undefined {
  const match = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (match === null) return undefined;
  const tail = match[1]!;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (hex === null) return undefined;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True when `address` (an IP literal) is not a public unicast address. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return forbiddenV4.check(bare, 'ipv4');
  if (family !== 6) return true;
  const v4 = mappedV4(bare);
  if (v4 !== undefined) return forbiddenV4.check(v4, 'ipv4');
  if (!globalUnicastV6.check(bare, 'ipv6')) return true;
  return forbiddenV6.check(bare, 'ipv6');
}

export interface AddressPolicy {
  /** May this pod connect to `address`, reached through the URL host `host`? */
  permits(address: string, host: string): boolean;
}

/**
 * Builds the policy from allow-list entries: CIDRs ("10.1.0.0/16", "::1/128"), single
 * addresses, or host names ("minio.storage.svc") whose every address is then allowed.
 */
export function createAddressPolicy(allowList: readonly string[]): AddressPolicy {
  const allowed = new BlockList();
  const hosts = new Set<string>();
  for (const entry of allowList) addAllowEntry(entry.trim(), allowed, hosts);
  return {
    permits(address: string, host: string): boolean {
      const bare = address.replace(/^\[|\]$/g, '');
      if (hosts.has(normalizeHost(host))) return true;
      const family = isIP(bare);
      if (family !== 0 && allowed.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return true;
      return !isForbiddenAddress(bare);
    },
  };
}

function addAllowEntry(entry: string, allowed: BlockList, hosts: Set<string>): void {
  const [network, prefix] = entry.split('/');
  const family = isIP(network!);
  if (family === 0) {
    hosts.add(normalizeHost(entry));
    return;
  }
  const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
  allowed.addSubnet(network!, bits, family === 4 ? 'ipv4' : 'ipv6');
}

export function normalizeHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** Checks allow-list entries for config: returns the malformed ones. */
export function invalidAllowEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    const [network, prefix, extra] = entry.split('/');
    const family = isIP(network!);
    if (extra !== undefined) return true;
    if (family === 0) return prefix !== undefined || !/^[a-z0-9.-]+$/i.test(entry);
    if (prefix === undefined) return false;
    const bits = Number(prefix);
    return !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128);
  });
}
