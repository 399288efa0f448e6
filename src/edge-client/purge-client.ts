import {
  MAX_PURGE_KEYS,
  PURGE_PATH,
  type PurgeTargets,
  SIGNATURE_HEADER,
  signPurge,
  TIMESTAMP_HEADER,
} from '../contract/purge-request.ts';
import { placeUris } from '../contract/uris/place-uri.ts';

export interface EdgePurgeClientOptions {
  /** The edge's public base URL (`https://isobar.example.com`); the purge path is fixed. */
  url: string;
  /** The worker's PURGE_SECRET. */
  secret: string;
  fetch?: typeof fetch;
  clock?: () => number;
  /** How long one request may take (default 10 s): the change log retries what times out. */
  timeoutMs?: number;
}

export interface PurgeResult {
  /** Entries that were in the cache and are gone. */
  purged: number;
  /** Cache keys the edge tried. */
  keys: number;
}

/** The edge refused or failed a purge; `problem` is its RFC 9457 document when it sent one. */
export class EdgePurgeError extends Error {
  override name = 'EdgePurgeError';
  readonly status: number;
  readonly problem: Record<string, unknown> | undefined;
  constructor(message: string, status: number, problem?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export interface EdgePurgeClient {
  purge(targets: PurgeTargets): Promise<PurgeResult>;
}

/** Body bytes per request, under the worker's 64 KiB limit. */
const MAX_BODY_CHARS = 60_000;

/**
 * Signs and sends purges to the edge worker, split into requests the worker accepts. It only
 * reaches the data centre the request lands in; zone-wide purge is by Cache-Tag (edge/README.md).
 */
export function createEdgePurgeClient(options: EdgePurgeClientOptions): EdgePurgeClient {
  const endpoint = new URL(PURGE_PATH, options.url);
  const send = options.fetch ?? fetch;
  const clock = options.clock ?? Date.now;

  async function purgeOne(batch: Required<PurgeTargets>): Promise<PurgeResult> {
    const body = JSON.stringify(batch);
    const timestamp = String(Math.floor(clock() / 1000));
    const signature = await signPurge(options.secret, {
      method: 'POST',
      path: endpoint.pathname,
      timestamp,
      body,
    });
    const response = await send(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signature,
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const answer = (await response.json().catch(() => undefined)) as
      | Record<string, unknown>
      | undefined;
    if (!response.ok) {
      const detail = typeof answer?.detail === 'string' ? `: ${answer.detail}` : '';
      throw new EdgePurgeError(
        `edge purge failed with ${response.status}${detail}`,
        response.status,
        answer,
      );
    }
    return { purged: Number(answer?.purged ?? 0), keys: Number(answer?.keys ?? 0) };
  }

  return {
    async purge(targets) {
      const total: PurgeResult = { purged: 0, keys: 0 };
      // One after another: a purge is not urgent enough to burst the edge.
      for (const batch of batches(targets)) {
        const result = await purgeOne(batch);
        total.purged += result.purged;
        total.keys += result.keys;
      }
      return total;
    },
  };
}

/** Splits targets into bodies that stay under the worker's key and size limits. */
export function batches(targets: PurgeTargets): Required<PurgeTargets>[] {
  const placeCost = placeUris('XX/x').length;
  const items = [
    ...[...new Set(targets.places ?? [])].map((value) => ({
      kind: 'places' as const,
      value,
      cost: placeCost,
    })),
    ...[...new Set(targets.uris ?? [])].map((value) => ({ kind: 'uris' as const, value, cost: 1 })),
  ];
  const out: Required<PurgeTargets>[] = [];
  let current = { uris: [] as string[], places: [] as string[] };
  let cost = 0;
  let chars = 0;
  for (const item of items) {
    const size = item.value.length + 4;
    if (cost + item.cost > MAX_PURGE_KEYS || chars + size > MAX_BODY_CHARS) {
      out.push(current);
      current = { uris: [], places: [] };
      cost = 0;
      chars = 0;
    }
    current[item.kind].push(item.value);
    cost += item.cost;
    chars += size;
  }
  if (cost > 0) out.push(current);
  return out;
}
