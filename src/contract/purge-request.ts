/**
 * The edge's purge endpoint, shared by the worker (which verifies) and the origin's purge client
 * (which signs) so the two cannot drift. WebCrypto only: it runs unchanged in workerd and Node.
 */

export const PURGE_PATH = '/_edge/purge';
export const TIMESTAMP_HEADER = 'x-isobar-timestamp';
export const SIGNATURE_HEADER = 'x-isobar-signature';
/** Seconds a signed request stays valid either side of the verifier's clock. */
export const PURGE_WINDOW_SECONDS = 300;
/**
 * Keys one purge request may remove. Each Cache API delete is a subrequest, and a Worker
 * invocation has a bounded number of those; the client splits bigger purges to fit.
 */
export const MAX_PURGE_KEYS = 500;
/** The body limit of a purge request. */
export const MAX_PURGE_BODY_BYTES = 64 * 1024;

/**
 * The body of a purge request: URIs (`/GB/London.json`) and places (`GB/London`, all of its URIs).
 */
export interface PurgeTargets {
  uris?: string[];
  places?: string[];
}

/** What a signature covers. `timestamp` is unix seconds as sent in the header. */
export interface SignedPurge {
  method: string;
  path: string;
  timestamp: string;
  body: string;
}

const encoder = new TextEncoder();

/** The signed text: method, path, timestamp and body, one per line. */
function purgeMessage(parts: SignedPurge): string {
  return `${parts.method.toUpperCase()}\n${parts.path}\n${parts.timestamp}\n${parts.body}`;
}

// Return type left to inference: Node's types and workerd's name the key type differently.
function hmacKey(secret: string, usage: 'sign' | 'verify') {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

/** Hex HMAC-SHA256 of the message with the shared secret. */
export async function signPurge(secret: string, parts: SignedPurge): Promise<string> {
  const key = await hmacKey(secret, 'sign');
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(purgeMessage(parts)));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether `signature` (hex) is the HMAC of the message; compared in constant time by WebCrypto. */
export async function verifyPurge(
  secret: string,
  parts: SignedPurge,
  signature: string,
): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(signature.slice(i * 2, i * 2 + 2), 16);
  const key = await hmacKey(secret, 'verify');
  return crypto.subtle.verify('HMAC', key, bytes, encoder.encode(purgeMessage(parts)));
}
