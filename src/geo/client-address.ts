import { BlockList, isIP } from 'node:net';
import { type IpAddress, parseIp } from '../domain/ip-address.ts';
import type { Cidr } from '../domain/networks.ts';

/** Picks the address to geolocate from the socket peer and its X-Forwarded-For header. */
export type ClientAddress = (socketAddress: string, forwardedFor: string | undefined) => string;

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
