import { cacheKey } from '../cache/cache-key.ts';
import type { CacheStore } from '../cache/cache-store.ts';
import { isPlace, MAX_PURGE_KEYS, placeUris } from '../place.ts';
import { problemResponse } from '../problem.ts';
import {
  PURGE_WINDOW_SECONDS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyPurge,
} from './purge-signature.ts';
import type { ReplayGuard } from './replay-guard.ts';

export interface PurgeDeps {
  store: CacheStore;
  replay: ReplayGuard;
  clock: () => number;
  secret: string | undefined;
  /** Called before anything is deleted, so answers fetched before the purge are not stored after it. */
  onPurge: () => void;
}

const MAX_BODY_BYTES = 64 * 1024;

const refuse = (request: Request, status: number, code: string, title: string, detail: string) =>
  problemResponse(request, { status, code, title, detail });

/** `POST /_edge/purge`: verifies the signed request, then removes the URIs from this data centre's cache. */
export async function handlePurge(request: Request, deps: PurgeDeps): Promise<Response> {
  if (!deps.secret)
    return refuse(
      request,
      503,
      'purge-disabled',
      'Purge is not configured',
      'PURGE_SECRET is not set on this worker.',
    );
  if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) {
    return refuse(
      request,
      413,
      'purge-too-large',
      'Purge request too large',
      `The body is limited to ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) {
    return refuse(
      request,
      413,
      'purge-too-large',
      'Purge request too large',
      `The body is limited to ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const timestamp = request.headers.get(TIMESTAMP_HEADER) ?? '';
  const nowSeconds = deps.clock() / 1000;
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(nowSeconds - Number(timestamp)) > PURGE_WINDOW_SECONDS
  ) {
    return refuse(
      request,
      401,
      'purge-bad-timestamp',
      'Purge refused',
      `${TIMESTAMP_HEADER} must be unix seconds within ${PURGE_WINDOW_SECONDS} s of now.`,
    );
  }
  const signature = request.headers.get(SIGNATURE_HEADER) ?? '';
  const parts = { method: request.method, path: new URL(request.url).pathname, timestamp, body };
  if (!(await verifyPurge(deps.secret, parts, signature))) {
    return refuse(
      request,
      401,
      'purge-bad-signature',
      'Purge refused',
      `${SIGNATURE_HEADER} does not match the request.`,
    );
  }
  // Checked after the signature, so only holders of the secret can fill the replay memory.
  const expiresAt = (Number(timestamp) + PURGE_WINDOW_SECONDS) * 1000;
  if (!(await deps.replay.claim(signature, expiresAt))) {
    return refuse(
      request,
      401,
      'purge-replayed',
      'Purge refused',
      'This signature has already been used.',
    );
  }
  const parsed = parsePurgeBody(body);
  if (typeof parsed === 'string')
    return refuse(request, 400, 'purge-bad-body', 'Bad purge request', parsed);
  const uris = [...parsed.uris, ...parsed.places.flatMap(placeUris)];
  const keys = [...new Set(uris.map((uri) => cacheKey(new URL(uri, request.url))))];
  if (keys.length > MAX_PURGE_KEYS) {
    const detail = `One request may purge at most ${MAX_PURGE_KEYS} URIs (a place counts ${placeUris('XX/x').length}); split it.`;
    return refuse(request, 413, 'purge-too-large', 'Purge request too large', detail);
  }
  deps.onPurge();
  const removed = await Promise.all(keys.map((key) => deps.store.delete(key).catch(() => false)));
  return Response.json(
    { purged: removed.filter(Boolean).length, keys: keys.length },
    { headers: { 'cache-control': 'no-store', 'x-isobar-edge': 'bypass' } },
  );
}

/** The body's URIs and places, or a message saying what is wrong with it. */
export function parsePurgeBody(body: string): { uris: string[]; places: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'The body is not JSON.';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'The body must be a JSON object.';
  const { uris = [], places = [] } = value as Record<string, unknown>;
  if (!Array.isArray(uris) || !uris.every(isPurgeableUri)) {
    return '"uris" must be a list of paths, each starting with a single "/".';
  }
  if (!Array.isArray(places) || !places.every((p) => typeof p === 'string' && isPlace(p))) {
    return '"places" must be a list of places written like "GB/London".';
  }
  if (uris.length + places.length === 0) return 'Nothing to purge: give "uris", "places" or both.';
  return { uris, places };
}

/** A same-origin path (and query): `//host/x` (or a backslash, which URL parsing reads as `/`) would name another host, so it is refused. */
function isPurgeableUri(uri: unknown): uri is string {
  return (
    typeof uri === 'string' &&
    uri.startsWith('/') &&
    !uri.startsWith('//') &&
    uri.length <= 2048 &&
    !/[#\\]/.test(uri)
  );
}
