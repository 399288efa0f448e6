import { type IpAddress, parseIp } from './ip-address.ts';
import { isSpecialPurpose } from './networks.ts';

/** Why a webhook URL may not be delivered to, or null when it may. */
export type AddressCheck = (addresses: readonly string[], protocol: string) => string | null;

/**
 * The operator's rule for webhook addresses: none in a special-purpose range (loopback, private,
 * shared/CGNAT, link-local, unspecified, multicast, documentation, reserved: networks.ts) unless
 * WEBHOOK_ALLOW lists it, and plain http only to listed addresses (a receiver on the operator's
 * own network); https anywhere public. Every address a name resolves to must pass, since the
 * connection may go to any of them.
 */
export function createAddressCheck(allowed: (ip: IpAddress) => boolean): AddressCheck {
  return (addresses, protocol) => {
    if (protocol !== 'https:' && protocol !== 'http:') return 'the URL must be http or https';
    if (addresses.length === 0) return 'the host has no address';
    for (const text of addresses) {
      const ip = parseIp(text);
      if (!ip) return `"${text}" is not an address`;
      if (allowed(ip)) continue;
      if (isSpecialPurpose(ip)) {
        return `${ip.text} is a private, loopback or otherwise special-purpose address; WEBHOOK_ALLOW does not list it`;
      }
      if (protocol === 'http:') {
        return `plain http is allowed only to addresses WEBHOOK_ALLOW lists, not ${ip.text}; use https`;
      }
    }
    return null;
  };
}
