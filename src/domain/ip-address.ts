import { isIP } from 'node:net';

/** An address as lookups and trust checks take it: IPv4-mapped IPv6 unwrapped, no zone. */
export interface IpAddress {
  readonly text: string;
  readonly family: 4 | 6;
}

/** Parses an address as a socket or a header gives it; null when it is not one. */
export function parseIp(input: string): IpAddress | null {
  const family = isIP(input);
  if (family === 4) return { text: input, family: 4 };
  if (family !== 6) return null;
  const zone = input.indexOf('%');
  // A zone only says which local interface; it never changes where an address is in the world.
  const text = zone === -1 ? input : input.slice(0, zone);
  const mapped = /ffff/i.test(text) ? mappedIpv4(text.toLowerCase()) : null;
  return mapped ? { text: mapped, family: 4 } : { text, family: 6 };
}

/**
 * The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d, in any spelling), else null.
 */
function mappedIpv4(ipv6: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ipv6);
  if (dotted) return dotted[1] ?? null;
  const groups = expandIpv6(ipv6);
  if (groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return null;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** The eight 16-bit groups of an address isIP has already accepted as IPv6. */
function expandIpv6(ipv6: string): number[] {
  const toGroups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = ipv6.split('::');
  const left = toGroups(head);
  if (tail === undefined) return left;
  const right = toGroups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The address's bytes in network order: 4 for IPv4, 16 for IPv6. */
export function addressBytes(ip: IpAddress): number[] {
  if (ip.family === 4) return ip.text.split('.').map(Number);
  return expandIpv6(ip.text.toLowerCase()).flatMap((group) => [group >> 8, group & 255]);
}

/**
 * The block one client is taken to hold, as a key for per-client limits: an IPv4 address itself,
 * the /64 of an IPv6 address (one host is routinely given a whole /64, and could otherwise pick a
 * fresh address for every request). Text that is not an address is its own key.
 */
export function clientBlock(address: string): string {
  const parsed = parseIp(address);
  if (!parsed || parsed.family === 4) return parsed?.text ?? address;
  const groups = expandIpv6(parsed.text.toLowerCase());
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
