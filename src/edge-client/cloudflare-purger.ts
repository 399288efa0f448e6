import { ALL_TAG, countryTag, purgeTags, rankingTag } from '../contract/protocol/cache-tags.ts';
import type { Changes, Purger } from '../domain/changes.ts';
import { PurgeError } from './purge-error.ts';
import { createTokenBucket } from './token-bucket.ts';

export interface CloudflarePurgerOptions {
  zoneId: string;
  /** An API token with the zone's Cache Purge permission; sent as a bearer, never logged. */
  apiToken: string;
  /** Default `https://api.cloudflare.com/client/v4`. */
  apiUrl?: string;
  /** Tags a request (default 100: Cloudflare's limit on every plan). */
  batchSize?: number;
  /**
   * Purge requests a minute from this process (default 5). Cloudflare limits an account to 5
   * (Free), 300 (Pro), 600 (Business) or 3000 (Enterprise); processes that deliver changes side
   * by side share that, and so does everything else purging the account.
   */
  requestsPerMinute?: number;
  /**
   * Requests that may go at once after a quiet spell (default 1: always evenly spaced). Up to
   * Cloudflare's bucket (25 Free and Pro, 50 Business, 500 Enterprise) when nothing else purges.
   */
  burst?: number;
  /**
   * How long one purge may take, waits included (default 25 s, under the change log's 30 s
   * lease): past it, it rejects and the change log tries the change again later. A change
   * whose tags cannot all go in that time at the rate is purged coarser: by country, else all.
   */
  giveUpAfterMs?: number;
  /** How long one request may take (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: { warn(fields: Record<string, unknown>, message: string): void };
}

/** Cloudflare refused or failed a purge: its status (none: no answer) and error messages. */
export class CloudflarePurgeError extends PurgeError {
  override name = 'CloudflarePurgeError';
}

/** The documented answer: `{ success, errors: [{ code, message }], messages, result }`. */
interface ApiAnswer {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Purges Cloudflare's cache by tag (`POST /zones/{zone}/purge_cache` with `{"tags": […]}`): the
 * tags `purgeTags` gives for a change, in batches of `batchSize`, paced by a token bucket at the
 * configured rate. 429s wait as Retry-After says, 5xx and network failures back off; any other
 * refusal, or a purge that cannot finish in `giveUpAfterMs`, rejects.
 */
export function createCloudflarePurger(o: CloudflarePurgerOptions): Purger {
  const apiUrl = (o.apiUrl ?? 'https://api.cloudflare.com/client/v4').replace(/\/+$/, '');
  const endpoint = `${apiUrl}/zones/${encodeURIComponent(o.zoneId)}/purge_cache`;
  const batchSize = o.batchSize ?? 100;
  const giveUpAfterMs = o.giveUpAfterMs ?? 25_000;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const send = o.fetch ?? fetch;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const bucket = createTokenBucket({
    perMinute: o.requestsPerMinute ?? 5,
    burst: o.burst ?? 1,
    now,
  });

  /** Sends one batch, retrying what may pass later; rejects at the deadline. */
  async function purgeBatch(tags: string[], deadline: number): Promise<void> {
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      if (bucket.available(deadline) < 1) {
        throw new CloudflarePurgeError(
          `Cloudflare purge: no request may go before the deadline at ${o.requestsPerMinute ?? 5}/min`,
        );
      }
      const at = bucket.take();
      if (at > now()) await sleep(at - now());
      const outcome = await attempt(tags, Math.min(timeoutMs, Math.max(1, deadline - now())));
      if (outcome.ok) return;
      const error = outcome.error;
      let wait: number;
      if (error.status === 429) {
        wait = outcome.retryAfterMs ?? backoff;
        // Cloudflare's bucket is empty: nothing of ours goes before it has refilled.
        bucket.pause(now() + wait);
      } else if (error.status === undefined || error.status >= 500) {
        wait = backoff;
      } else {
        throw error;
      }
      if (now() + wait > deadline) throw error;
      o.log?.warn({ status: error.status, waitMs: wait }, 'Cloudflare purge will be retried');
      await sleep(wait);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  type Outcome = { ok: true } | { ok: false; error: CloudflarePurgeError; retryAfterMs?: number };

  async function attempt(tags: string[], timeout: number): Promise<Outcome> {
    let response: Response;
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${o.apiToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ tags }),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { ok: false, error: new CloudflarePurgeError(`Cloudflare purge failed: ${reason}`) };
    }
    const answer = (await response.json().catch(() => undefined)) as ApiAnswer | undefined;
    if (response.ok && answer?.success === true) return { ok: true };
    const said = (Array.isArray(answer?.errors) ? answer.errors : [])
      .map((e) => `${e.code ?? '?'} ${e.message ?? ''}`.trim())
      .join('; ');
    const error = new CloudflarePurgeError(
      `Cloudflare purge answered ${response.status}${said ? `: ${said}` : ''}`,
      response.status,
    );
    return { ok: false, error, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  }

  return {
    async purge(changes) {
      if (changes.places.length === 0) return;
      const deadline = now() + giveUpAfterMs;
      const tags = tagsWithin(changes, bucket.available(deadline) * batchSize);
      if (tags.level !== 'place') {
        o.log?.warn(
          { places: changes.places.length, level: tags.level, tags: tags.tags.length },
          'Cloudflare purge coarsened to fit the rate',
        );
      }
      for (let i = 0; i < tags.tags.length; i += batchSize) {
        await purgeBatch(tags.tags.slice(i, i + batchSize), deadline);
      }
    },
  };
}

/**
 * The change's tags (src/contract/protocol/cache-tags.ts), or coarser ones when more than
 * `room` tags cannot go: each changed country's tag and rankings, else everything isobar serves.
 * Purging more than changed costs origin fetches; falling behind would cost stale answers.
 */
export function tagsWithin(
  changes: Changes,
  room: number,
): { level: 'place' | 'country' | 'all'; tags: string[] } {
  const fine = purgeTags(changes);
  if (fine.length <= room) return { level: 'place', tags: fine };
  const countries = [...new Set(changes.places.map((ref) => ref.slice(0, 2)))];
  const coarse = countries.flatMap((cc) => [countryTag(cc), rankingTag(cc)]);
  if (coarse.length <= room) return { level: 'country', tags: coarse };
  return { level: 'all', tags: [ALL_TAG] };
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
