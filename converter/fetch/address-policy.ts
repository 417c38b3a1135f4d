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
  /**
   * May this pod connect to `address`, reached through the URL host `host`, on `port`? Without a
   * port (DNS lookup, before the port is in play) an entry limited to some port still counts; the
   * connected socket is checked again with its port.
   */
  permits(address: string, host: string, port?: number): boolean;
}

interface AllowRule {
  host?: string;
  network?: BlockList;
  family?: 'ipv4' | 'ipv6';
  /** Only this port when set (`host:port`, `10.0.0.0/8:9000`, `[fd00::1]:443`). */
  port?: number;
}

/** Splits a trailing `:port` off an entry; a bare IPv6 address keeps its colons. */
export function splitPort(entry: string): { target: string; port?: number } {
  const match = /^(\[[^\]]+\](?:\/\d+)?|[^:]+):(\d{1,5})$/.exec(entry);
  if (match === null) return { target: entry };
  return { target: match[1]!.replace(/^\[([^\]]+)\]/, '$1'), port: Number(match[2]) };
}

/**
 * Builds the policy from allow-list entries: CIDRs ("10.1.0.0/16", "::1/128"), single
 * addresses, or host names ("minio.storage.svc") whose every address is then allowed — each
 * optionally limited to one port ("minio.storage.svc:9000").
 */
export function createAddressPolicy(allowList: readonly string[]): AddressPolicy {
  const rules = allowList.map((entry) => allowRule(entry.trim()));
  return {
    permits(address: string, host: string, port?: number): boolean {
      const bare = address.replace(/^\[|\]$/g, '');
      const family = isIP(bare);
      const matches = (rule: AllowRule): boolean => {
        if (rule.port !== undefined && port !== undefined && rule.port !== port) return false;
        if (rule.host !== undefined) return rule.host === normalizeHost(host);
        return family !== 0 && rule.family === (family === 4 ? 'ipv4' : 'ipv6') && rule.network!.check(bare, rule.family);
      };
      if (rules.some(matches)) return true;
      return !isForbiddenAddress(bare);
    },
  };
}

function allowRule(entry: string): AllowRule {
  const { target, port } = splitPort(entry);
  const [network, prefix] = target.split('/');
  const family = isIP(network!);
  if (family === 0) return { host: normalizeHost(target), port };
  const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(network!, bits, type);
  return { network: list, family: type, port };
}

export function normalizeHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Checks allow-list entries for config: returns the malformed ones. */
export function invalidAllowEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    const { target, port } = splitPort(entry);
    if (port !== undefined && (port < 1 || port > 65535)) return true;
    const [network, prefix, extra] = target.split('/');
    const family = isIP(network!);
    if (extra !== undefined) return true;
    if (family === 0) return prefix !== undefined || !/^[a-z0-9.-]+$/i.test(target);
    if (prefix === undefined) return false;
    const bits = Number(prefix);
    return !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128);
  });
}
