import { createHash, createHmac, randomBytes } from 'node:crypto';

// Deliveries are signed as the Standard Webhooks specification says (standardwebhooks.com), so a
// receiver can check them with its libraries or a few lines of its own (README, Webhooks).

const PREFIX = 'whsec_';

/** A new signing key: 32 random bytes, base64, as stored. */
export const newWebhookKey = () => randomBytes(32).toString('base64');

/** The secret as its owner is shown it, once: `whsec_` and the key. */
export const shownSecret = (key: string) => `${PREFIX}${key}`;

/** The headers of one delivery attempt: `webhook-signature` is `v1,` and the HMAC-SHA256. */
export function signatureHeaders(
  key: string,
  id: string,
  timestamp: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const signature = createHmac('sha256', Buffer.from(key, 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

/**
 * The id of the message for one subscription and one entry of the change feed: the same for
 * every attempt and every process (it is also the queue job's id, so the message is queued once).
 * A UUID from a SHA-256 of the two, with the version nibble of a name-based UUID (8).
 */
export function webhookMessageId(subscription: number, seq: number): string {
  const hex = createHash('sha256').update(`isobar-webhook:${subscription}:${seq}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
