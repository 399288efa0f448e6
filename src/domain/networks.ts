import { isIP } from 'node:net';
import { parseIp } from './ip-address.ts';

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
