import { createHash } from 'node:crypto';

/** The strong validator of a body of a content type: quoted, 32 characters of its SHA-256. */
export function entityTag(body: Uint8Array | string, contentType: string): string {
  const hash = createHash('sha256').update(body).update(contentType);
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}
