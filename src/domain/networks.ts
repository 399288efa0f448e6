import { BlockList, isIP } from 'node:net';
import { type IpAddress, parseIp } from './ip-address.ts';

/** A trusted network: a bare address is a /32 or /128. */
export interface Cidr {
  address: string;
  prefix: number;
  family: 4 | 6;
}

/** The machine itself: who may read /metrics unless METRICS_ALLOW says otherwise. */
export const LOOPBACK: readonly Cidr[] = [
  { address: '127.0.0.1', prefix: 32, family: 4 },
  { address: '::1', prefix: 128, family: 6 },
];

/**
 * Parses a comma- or space-separated list such as `10.0.0.0/8, ::1`; throws naming the first bad
 * entry.
 */
export function parseCidrList(text: string): Cidr[] {
  return text
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map(parseCidr);
}

function parseCidr(entry: string): Cidr {
  const bad = (why: string) => new Error(`invalid CIDR "${entry}": ${why}`);
  const [addressPart = '', prefixPart, extra] = entry.split('/');
  if (extra !== undefined) throw bad('more than one "/"');
  const written = isIP(addressPart);
  const ip = written !== 0 && !addressPart.includes('%') ? parseIp(addressPart) : null;
  if (!ip) throw bad('not an IPv4 or IPv6 address');
  const writtenMax = written === 4 ? 32 : 128;
  if (prefixPart !== undefined && !/^\d{1,3}$/.test(prefixPart))
    throw bad('the prefix is not a number');
  const prefix = prefixPart === undefined ? writtenMax : Number(prefixPart);
  if (prefix > writtenMax) throw bad(`the prefix is over ${writtenMax}`);
  if (written === 6 && ip.family === 4) {
    // Client addresses are compared unmapped, so ::ffff:a.b.c.d/n must become a.b.c.d/(n-96).
    if (prefix < 96) throw bad('an IPv4-mapped network needs a prefix of at least 96');
    return { address: ip.text, prefix: prefix - 96, family: 4 };
  }
  return { address: ip.text, prefix, family: ip.family };
}

// Special-purpose ranges (RFC 6890 and its successors) that no public geolocation database
// places anywhere: this network, private, shared, loopback, link-local, benchmarking,
// documentation, multicast and reserved; IPv6 unspecified, loopback, unique-local, link-local,
// documentation and multicast.
const NOWHERE = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  NOWHERE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['2001:db8::', 32],
  ['ff00::', 8],
] as const)
  NOWHERE.addSubnet(address, prefix, 'ipv6');

/** Whether an address lies in a range that is nowhere on the map (private, loopback, …). */
export function isSpecialPurpose(address: IpAddress): boolean {
  return NOWHERE.check(address.text, address.family === 4 ? 'ipv4' : 'ipv6');
}
