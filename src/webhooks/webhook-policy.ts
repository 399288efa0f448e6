import type { Cidr } from '../domain/networks.ts';
import { type AddressCheck, createAddressCheck } from '../domain/webhook-address.ts';
import { networkMatcher } from '../geo/client-address.ts';

/** The operator's address rule for webhooks, from WEBHOOK_ALLOW. */
export const webhookAddressCheck = (allow: readonly Cidr[]): AddressCheck =>
  createAddressCheck(networkMatcher(allow));
