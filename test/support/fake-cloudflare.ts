import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Cloudflare's zone purge API as its documentation describes it, on 127.0.0.1: `POST
 * /client/v4/zones/{zone_id}/purge_cache` with a bearer token and a JSON body of one kind of
 * target, answered `{ success, errors, messages, result }`. Purge by tag: 1 to 100 tags a
 * request (the limit on every plan), each at most 1,024 characters of printable ASCII without
 * spaces. 429s (with Retry-After, as Cloudflare's API sends it) and 5xx on demand.
 */
export interface FakeCloudflareOptions {
  zoneId: string;
  apiToken: string;
  /** The clock each request is recorded with (default: ms since start); tests share theirs. */
  now?: () => number;
  /** Tags a request at most (default 100). */
  maxTags?: number;
}

export interface PurgeCall {
  /** When it arrived, on the fake's clock. */
  at: number;
  status: number;
  /** The tags asked for, when the body held a list of them. */
  tags: string[] | undefined;
  /** The Authorization header as received (tests check it never leaks, not its value). */
  authorization: string | undefined;
}

export interface FakeCloudflare {
  /** The `apiUrl` to give the purger: `http://127.0.0.1:{port}/client/v4`. */
  apiUrl: string;
  calls: PurgeCall[];
  /** Tags of the purges that succeeded, in order. */
  purgedTags(): string[];
  /** The next `count` valid requests answer 429 with `Retry-After: {retryAfterS}`. */
  rateLimit(count: number, retryAfterS: number | null): void;
  /** The next `count` valid requests answer `status` (a 5xx). */
  fail(count: number, status: number): void;
  close(): Promise<void>;
}

const PRINTABLE_NO_SPACE = /^[\x21-\x7e]+$/;
const TARGETS = ['files', 'tags', 'hosts', 'prefixes', 'purge_everything'];

export async function startFakeCloudflare(o: FakeCloudflareOptions): Promise<FakeCloudflare> {
  const started = performance.now();
  const now = o.now ?? (() => performance.now() - started);
  const maxTags = o.maxTags ?? 100;
  const calls: PurgeCall[] = [];
  let limited = 0;
  let retryAfter: number | null = null;
  let failures = 0;
  let failStatus = 503;

  const reply = (
    res: ServerResponse,
    status: number,
    errors: { code: number; message: string }[],
    headers: Record<string, string> = {},
  ) => {
    const body =
      status === 200
        ? { success: true, errors: [], messages: [], result: { id: o.zoneId } }
        : { success: false, errors, messages: [], result: null };
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const call: PurgeCall = {
      at: now(),
      status: 0,
      tags: undefined,
      authorization: req.headers.authorization,
    };
    calls.push(call);
    const answer = (status: number, code = 0, message = '', headers?: Record<string, string>) => {
      call.status = status;
      reply(res, status, code ? [{ code, message }] : [], headers);
    };

    const route = /^\/client\/v4\/zones\/([^/]+)\/purge_cache$/.exec(req.url ?? '');
    if (!route) return answer(404, 7000, 'No route for that URI');
    if (req.method !== 'POST') return answer(405, 10000, 'Method not allowed');
    if (req.headers.authorization !== `Bearer ${o.apiToken}`) {
      return answer(403, 10000, 'Authentication error');
    }
    if (decodeURIComponent(route[1]!) !== o.zoneId) {
      return answer(
        404,
        7003,
        'Could not route to the zone, perhaps your object identifier is invalid?',
      );
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return answer(400, 6003, 'Invalid request headers: Content-Type must be application/json');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return answer(400, 6007, 'Malformed JSON in request body');
    }
    const given = body && typeof body === 'object' ? Object.keys(body) : [];
    if (given.length !== 1 || !TARGETS.includes(given[0]!)) {
      return answer(
        400,
        1012,
        'Request must contain exactly one of files, tags, hosts, prefixes or purge_everything',
      );
    }
    const tags = (body as { tags?: unknown }).tags;
    if (tags !== undefined) {
      if (!Array.isArray(tags) || tags.length === 0 || tags.length > maxTags) {
        return answer(400, 1012, `tags must be a list of 1 to ${maxTags} tags`);
      }
      if (
        !tags.every((t) => typeof t === 'string' && t.length <= 1024 && PRINTABLE_NO_SPACE.test(t))
      ) {
        return answer(
          400,
          1012,
          'each tag must be 1 to 1,024 printable ASCII characters, no spaces',
        );
      }
      call.tags = tags as string[];
    }
    if (limited > 0) {
      limited--;
      const headers: Record<string, string> =
        retryAfter === null ? {} : { 'retry-after': String(retryAfter) };
      return answer(429, 971, 'Please wait and consider throttling your request speed', headers);
    }
    if (failures > 0) {
      failures--;
      return answer(failStatus, 10001, 'Service unavailable');
    }
    return answer(200);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/client/v4`,
    calls,
    purgedTags: () => calls.filter((c) => c.status === 200).flatMap((c) => c.tags ?? []),
    rateLimit(count, seconds) {
      limited = count;
      retryAfter = seconds;
    },
    fail(count, status) {
      failures = count;
      failStatus = status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
