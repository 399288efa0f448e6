import type { ProblemCode } from '../../../src/contract/protocol/problem.ts';
import {
  MAX_PURGE_BODY_BYTES,
  MAX_PURGE_KEYS,
  PURGE_WINDOW_SECONDS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyPurge,
} from '../../../src/contract/purge-request.ts';
import { isPlaceRef, placeUris } from '../../../src/contract/uris/place-uri.ts';
import { cacheKey } from '../cache/cache-key.ts';
import type { CacheStore } from '../cache/cache-store.ts';
import { edgeProblem } from '../problem.ts';
import type { ReplayGuard } from './replay-guard.ts';

export interface PurgeDeps {
  store: CacheStore;
  replay: ReplayGuard;
  clock: () => number;
  secret: string | undefined;
  /**
   * Called before anything is deleted, so answers fetched before the purge are not stored after it.
   */
  onPurge: () => void;
}

const refuse = (request: Request, code: ProblemCode, detail: string) =>
  edgeProblem(request, code, detail);

const TOO_LARGE = `The body is limited to ${MAX_PURGE_BODY_BYTES} bytes.`;

/**
 * `POST /_edge/purge`: verifies the signed request, then removes the URIs from this data centre's
 * cache.
 */
export async function handlePurge(request: Request, deps: PurgeDeps): Promise<Response> {
  if (!deps.secret) {
    return refuse(request, 'purge-disabled', 'PURGE_SECRET is not set on this worker.');
  }
  // The headers are checked before a byte of the body is read: without them, nobody gets the
  // worker to buffer anything.
  const timestamp = request.headers.get(TIMESTAMP_HEADER) ?? '';
  const nowSeconds = deps.clock() / 1000;
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(nowSeconds - Number(timestamp)) > PURGE_WINDOW_SECONDS
  ) {
    const detail = `${TIMESTAMP_HEADER} must be unix seconds within ${PURGE_WINDOW_SECONDS} s of now.`;
    return refuse(request, 'purge-bad-timestamp', detail);
  }
  const signature = request.headers.get(SIGNATURE_HEADER) ?? '';
  const badSignature = `${SIGNATURE_HEADER} does not match the request.`;
  if (!/^[0-9a-f]{64}$/i.test(signature))
    return refuse(request, 'purge-bad-signature', badSignature);
  if (Number(request.headers.get('content-length')) > MAX_PURGE_BODY_BYTES) {
    return refuse(request, 'purge-too-large', TOO_LARGE);
  }
  const body = await readCapped(request, MAX_PURGE_BODY_BYTES);
  if (body === null) return refuse(request, 'purge-too-large', TOO_LARGE);
  const parts = { method: request.method, path: new URL(request.url).pathname, timestamp, body };
  if (!(await verifyPurge(deps.secret, parts, signature))) {
    return refuse(request, 'purge-bad-signature', badSignature);
  }
  // Checked after the signature, so only holders of the secret can fill the replay memory.
  const expiresAt = (Number(timestamp) + PURGE_WINDOW_SECONDS) * 1000;
  if (!(await deps.replay.claim(signature, expiresAt))) {
    return refuse(request, 'purge-replayed', 'This signature has already been used.');
  }
  const parsed = parsePurgeBody(body, new URL(request.url).origin);
  if (typeof parsed === 'string') return refuse(request, 'purge-bad-body', parsed);
  const uris = [...parsed.uris, ...parsed.places.flatMap(placeUris)];
  const keys = [...new Set(uris.map((uri) => cacheKey(new URL(uri, request.url))))];
  if (keys.length > MAX_PURGE_KEYS) {
    const perPlace = placeUris('XX/x').length;
    const detail = `One request may purge at most ${MAX_PURGE_KEYS} URIs (a place counts ${perPlace}); split it.`;
    return refuse(request, 'purge-too-large', detail);
  }
  deps.onPurge();
  const removed = await Promise.all(keys.map((key) => deps.store.delete(key).catch(() => false)));
  return Response.json(
    { purged: removed.filter(Boolean).length, keys: keys.length },
    { headers: { 'cache-control': 'no-store', 'x-isobar-edge': 'bypass' } },
  );
}

/** The body of a request, or null once it passes `max` bytes (then nothing more is read). */
async function readCapped(request: Request, max: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The body's URIs (on `origin`) and places, or a message saying what is wrong with it. */
export function parsePurgeBody(
  body: string,
  origin: string,
): { uris: string[]; places: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'The body is not JSON.';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'The body must be a JSON object.';
  const { uris = [], places = [] } = value as Record<string, unknown>;
  if (!Array.isArray(uris) || !uris.every((uri) => isPurgeableUri(uri, origin))) {
    return '"uris" must be a list of paths, each starting with a single "/".';
  }
  if (!Array.isArray(places) || !places.every((p) => typeof p === 'string' && isPlaceRef(p))) {
    return '"places" must be a list of places written like "GB/London".';
  }
  if (uris.length + places.length === 0) return 'Nothing to purge: give "uris", "places" or both.';
  return { uris, places };
}

/**
 * A path (and query) on this site. Checked as written (`//host/x`, a backslash) and as URL
 * parsing reads it, since parsing drops tabs and newlines: `/\t/host` parses as `//host`.
 */
function isPurgeableUri(uri: unknown, origin: string): uri is string {
  return (
    typeof uri === 'string' &&
    uri.startsWith('/') &&
    !uri.startsWith('//') &&
    uri.length <= 2048 &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    !/[#\\\u0000-\u001f\u007f]/.test(uri) &&
    new URL(uri, origin).origin === origin
  );
}
