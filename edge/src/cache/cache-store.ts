/**
 * A response as the edge keeps it: fully buffered, so any number of waiters can each get a copy.
 */
export interface StoredEntry {
  status: number;
  /**
   * The origin's headers, its Cache-Control included; never Age, Set-Cookie or Content-Encoding.
   */
  headers: Headers;
  body: ArrayBuffer;
  /** When the origin produced it (ms on the edge clock, back-dated by any Age it arrived with). */
  storedAt: number;
}

/**
 * Where cached responses live. The Cache API is the production one (one per data centre); the
 * in-memory twin lets the edge logic run anywhere.
 */
export interface CacheStore {
  get(key: string): Promise<StoredEntry | undefined>;
  /** Keeps the entry for at least `keepSeconds` (the store may drop it earlier). */
  put(key: string, entry: StoredEntry, keepSeconds: number): Promise<void>;
  /** True when there was an entry to remove. */
  delete(key: string): Promise<boolean>;
}

/**
 * Headers that describe one hop, one encoding of the body or one request (its id), never the
 * stored representation.
 */
const NOT_STORED = [
  'age',
  'x-request-id',
  'set-cookie',
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
];

/**
 * Buffers an origin response into an entry. fetch() has already decoded the body, so the
 * encoding headers would now lie; Cloudflare compresses again on the way to the client.
 */
export async function bufferResponse(response: Response, now: number): Promise<StoredEntry> {
  const headers = new Headers(response.headers);
  const age = Number(headers.get('age'));
  for (const name of NOT_STORED) headers.delete(name);
  const body = await response.arrayBuffer();
  const ageMs = Number.isFinite(age) && age > 0 ? age * 1000 : 0;
  return { status: response.status, headers, body, storedAt: now - ageMs };
}
