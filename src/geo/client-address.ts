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

/** Picks the address to geolocate from the socket peer and its X-Forwarded-For header. */
export type ClientAddress = (socketAddress: string, forwardedFor: string | undefined) => string;

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

/** Whether an address lies in one of the networks. */
export function networkMatcher(networks: readonly Cidr[]): (ip: IpAddress) => boolean {
  const list = new BlockList();
  for (const c of networks) list.addSubnet(c.address, c.prefix, c.family === 4 ? 'ipv4' : 'ipv6');
  return (ip) => list.check(ip.text, ip.family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether an address as text (any spelling parseIp reads) lies in one of the networks; false for
 * garbage.
 */
export function createAddressFilter(networks: readonly Cidr[]): (address: string) => boolean {
  const matches = networkMatcher(networks);
  return (address) => {
    const ip = parseIp(address);
    return ip !== null && matches(ip);
  };
}

/**
 * The socket peer, unless it is a trusted proxy; then X-Forwarded-For read from
 * the right, skipping trusted hops. Only a trusted proxy's word is taken, so a
 * header sent by anyone else changes nothing.
 */
export function createClientAddress(trusted: readonly Cidr[]): ClientAddress {
  const isTrusted = networkMatcher(trusted);

  return (socketAddress, forwardedFor) => {
    const peer = parseIp(socketAddress);
    if (!peer) return socketAddress;
    if (!forwardedFor || !isTrusted(peer)) return peer.text;
    const hops = forwardedFor.split(',');
    let client = peer.text;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = parseHop(hops[i] ?? '');
      // Past an entry we cannot read, nothing says which proxy wrote what:
      // the last hop a trusted proxy vouched for is all we know.
      if (!hop) return client;
      if (!isTrusted(hop)) return hop.text;
      client = hop.text;
    }
    return client;
  };
}

/** One X-Forwarded-For entry; some proxies append a port (`1.2.3.4:5678`, `[2001:db8::1]:443`). */
function parseHop(entry: string): IpAddress | null {
  const hop = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop);
  if (bracketed) return isIP(bracketed[1] ?? '') === 6 ? parseIp(bracketed[1] ?? '') : null;
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d{1,5}$/.exec(hop);
  return parseIp(withPort?.[1] ?? hop);
}
