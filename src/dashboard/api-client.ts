import { parseCacheControl } from '../contract/protocol/freshness.ts';

/** A fetch function: the global one, or one bound to an app in the same process. */
export type Fetch = (request: Request) => Promise<Response>;

export interface ApiClientOptions {
  /** Where the public API lives, e.g. `https://isobar.example.com`; paths are resolved on it. */
  baseUrl: string;
  fetch?: Fetch;
  /** Bound of the bodies kept for revalidation, in bytes (default 8 MiB). */
  maxBytes?: number;
  /** Longest wait for one answer before it counts as a failure (default 10 s). */
  timeoutMs?: number;
}

/** One answer of the API as the dashboard uses it. */
export interface ApiAnswer {
  status: number;
  /** The body parsed as JSON (a document, or a problem for 4xx/5xx), read by its schema. */
  body: unknown;
  /** The caching the origin gave shared caches (CDN-Cache-Control, else Cache-Control). */
  cacheControl: string | null;
  /** The Cache-Tag the origin gave (comma-separated), so pages can be purged with their data. */
  cacheTag: string | null;
  /** Whether the body came from the kept copy after a 304. */
  revalidated: boolean;
  /** The URL that answered, after redirects. */
  url: string;
  /** The same, as a path when it is on the base URL (the canonical spelling of a document). */
  path: string;
}

/** A canonical URI answers at once; more than a few hops is a loop. */
const MAX_REDIRECTS = 3;

interface Kept {
  etag: string;
  text: string;
  status: number;
  cacheTag: string | null;
}

export interface ApiClient {
  /** GETs a path of the API (following its 301s), revalidating a kept copy by its ETag. */
  get(path: string): Promise<ApiAnswer>;
  /** Bodies kept, and the bytes they hold. */
  readonly stats: { entries: number; bytes: number };
}

/**
 * A consumer of the public API over HTTP, like any outside client: every answer with an ETag is
 * kept by URL (least recently used first out, bounded in bytes), and asked for again with
 * If-None-Match, so an unchanged document costs the origin a 304 and no body. It always
 * revalidates rather than trust max-age: a purge after a write then reaches the dashboard at once.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const kept = new Map<string, Kept>(); // insertion order doubles as recency order
  let bytes = 0;

  const forget = (url: string) => {
    const entry = kept.get(url);
    if (!entry) return;
    kept.delete(url);
    bytes -= entry.text.length * 2;
  };
  const keep = (url: string, entry: Kept) => {
    forget(url);
    const size = entry.text.length * 2;
    if (size > maxBytes / 4) return; // one huge body must not flush everything else
    kept.set(url, entry);
    bytes += size;
    for (const oldest of kept.keys()) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  };

  /** One request, revalidating the copy kept for its URL. */
  const ask = async (
    url: string,
  ): Promise<Omit<ApiAnswer, 'path'> & { location: string | null }> => {
    const copy = kept.get(url);
    const headers = new Headers({ accept: 'application/json' });
    if (copy) headers.set('if-none-match', copy.etag);
    const response = await doFetch(
      new Request(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }),
    );
    // The shared lifetime where the API gives one: the page built from it is a shared cache's too.
    const cacheControl =
      response.headers.get('cdn-cache-control') ?? response.headers.get('cache-control');
    const location = response.headers.get('location');
    if (response.status === 304 && copy) {
      await response.body?.cancel();
      keep(url, copy); // now the most recently used
      const cacheTag = response.headers.get('cache-tag') ?? copy.cacheTag;
      return { ...parsed(copy), url, cacheControl, cacheTag, revalidated: true, location };
    }
    const text = await response.text();
    const etag = response.headers.get('etag');
    const cacheTag = response.headers.get('cache-tag');
    const storable = !parseCacheControl(cacheControl).has('no-store');
    if (etag && response.status === 200 && storable) {
      keep(url, { etag, text, status: response.status, cacheTag });
    } else forget(url);
    const answer = parsed({ text, status: response.status });
    return { ...answer, url, cacheControl, cacheTag, revalidated: false, location };
  };

  return {
    async get(path) {
      let url = `${base}${path}`;
      // Followed here rather than by fetch: an in-process app does not follow redirects itself.
      for (let hop = 0; ; hop++) {
        const { location, ...answer } = await ask(url);
        if (answer.status < 300 || answer.status > 308 || !location || hop === MAX_REDIRECTS) {
          return { ...answer, path: answer.url.slice(base.length) };
        }
        url = new URL(location, url).href;
      }
    },
    get stats() {
      return { entries: kept.size, bytes };
    },
  };
}

function parsed(entry: { text: string; status: number }) {
  let body: unknown = null;
  try {
    body = entry.text === '' ? null : JSON.parse(entry.text);
  } catch {
    body = null;
  }
  return { status: entry.status, body };
}
