import type { Sample } from './prometheus-text.ts';

/** What the operations page shows, worked out from one reading of the metrics. */
export interface OperationsSummary {
  requests: { route: string; status: string; count: number }[];
  routes: { route: string; count: number; p50: number | null; p95: number | null }[];
  cache: { hit: number; miss: number; coalesced: number; stale: number; ratio: number | null };
  queries: { query: string; count: number }[];
  providers: {
    provider: string;
    ok: number;
    notModified: number;
    errors: number;
    errorsByOutcome: Record<string, number>;
    budgetLeft: number | null;
    behind: number | null;
  }[];
  ingestion: SourceIngestion[];
  purges: { result: string; count: number }[];
  changes: { event: string; count: number }[];
}

/** What the server stored of one source (write API and providers), and how far behind it is. */
export interface SourceIngestion {
  source: string;
  /** Rows inserted or replaced. */
  stored: number;
  unchanged: number;
  /** Rows not stored: every row of a refused batch. */
  rejected: number;
  /** Refused batches and failed provider requests, by reason. */
  errorsByReason: Record<string, number>;
  /** Unix seconds of the newest data stored (of any kind), and of which kind. */
  newest: number | null;
  newestKind: string | null;
  /** Seconds from the newest data time to the time the page was read. */
  lag: number | null;
  /** Unix seconds of the last write of its rows. */
  lastWrite: number | null;
}

const named = (samples: Sample[], name: string) => samples.filter((s) => s.name === name);

/** Sums a metric's samples by the value of one label, largest first. */
function sumBy(samples: Sample[], name: string, label: string): [string, number][] {
  const sums = new Map<string, number>();
  for (const s of named(samples, name)) {
    const key = s.labels[label] ?? '';
    sums.set(key, (sums.get(key) ?? 0) + s.value);
  }
  return [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * A quantile of a Prometheus histogram from its cumulative buckets, interpolated inside the
 * bucket it falls in (as PromQL's histogram_quantile does); null with no observations.
 */
export function bucketQuantile(buckets: { le: number; count: number }[], q: number): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const b of sorted) {
    if (b.count >= rank) {
      if (!Number.isFinite(b.le)) return lower;
      const inside = b.count - below;
      return inside === 0 ? b.le : lower + ((b.le - lower) * (rank - below)) / inside;
    }
    lower = b.le;
    below = b.count;
  }
  return lower;
}

function latencies(samples: Sample[]) {
  const byRoute = new Map<string, { le: number; count: number }[]>();
  for (const s of named(samples, 'isobar_http_request_duration_seconds_bucket')) {
    const route = s.labels.route ?? '';
    const list = byRoute.get(route) ?? [];
    list.push({
      le: s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le),
      count: s.value,
    });
    byRoute.set(route, list);
  }
  return byRoute;
}

const ERROR_OUTCOMES = [
  'rate_limited',
  'server_error',
  'timeout',
  'network',
  'malformed',
  'refused',
  'too_large',
];

/** The series of a metric for one source, as counts by another label. */
function bySourceAnd(samples: Sample[], name: string, source: string, label: string) {
  const counts: Record<string, number> = {};
  for (const s of named(samples, name))
    if (s.labels.source === source) {
      const key = s.labels[label] ?? '';
      counts[key] = (counts[key] ?? 0) + s.value;
    }
  return counts;
}

/** Ingestion by source, the lag worked out against `now` (ms since the epoch). */
export function ingestionBySource(samples: Sample[], now: number): SourceIngestion[] {
  const names = [
    'isobar_ingest_rows_total',
    'isobar_ingest_errors_total',
    'isobar_ingest_newest_seconds',
    'isobar_ingest_last_write_seconds',
  ];
  const sources = new Set(
    names.flatMap((n) => named(samples, n).map((s) => s.labels.source ?? '')),
  );
  return [...sources].sort().map((source) => {
    const rows = bySourceAnd(samples, 'isobar_ingest_rows_total', source, 'outcome');
    const newestByKind = bySourceAnd(samples, 'isobar_ingest_newest_seconds', source, 'kind');
    const [newestKind = null, newest = null] =
      Object.entries(newestByKind).sort((a, b) => b[1] - a[1])[0] ?? [];
    const lastWrite = named(samples, 'isobar_ingest_last_write_seconds').find(
      (s) => s.labels.source === source,
    );
    return {
      source,
      stored: (rows.inserted ?? 0) + (rows.replaced ?? 0),
      unchanged: rows.unchanged ?? 0,
      rejected: rows.rejected ?? 0,
      errorsByReason: bySourceAnd(samples, 'isobar_ingest_errors_total', source, 'reason'),
      newest,
      newestKind,
      lag: newest === null ? null : now / 1000 - newest,
      lastWrite: lastWrite?.value ?? null,
    };
  });
}

/**
 * Reads isobar's own metrics (src/metrics/metrics.ts) into the operations page's tables; `now`
 * (ms since the epoch) is when they were read, for the ingestion lag.
 */
export function summarise(samples: Sample[], now: number): OperationsSummary {
  const requests = new Map<string, number>();
  for (const s of named(samples, 'isobar_http_requests_total')) {
    const key = `${s.labels.route ?? ''}\n${s.labels.status ?? ''}`;
    requests.set(key, (requests.get(key) ?? 0) + s.value);
  }
  const buckets = latencies(samples);
  const routes = sumBy(samples, 'isobar_http_requests_total', 'route').map(([route, count]) => {
    const b = buckets.get(route) ?? [];
    return { route, count, p50: bucketQuantile(b, 0.5), p95: bucketQuantile(b, 0.95) };
  });
  const cacheBy = Object.fromEntries(sumBy(samples, 'isobar_cache_requests_total', 'result'));
  const [hit, miss, coalesced, stale] = ['hit', 'miss', 'coalesced', 'stale'].map(
    (r) => cacheBy[r] ?? 0,
  ) as [number, number, number, number];
  const lookups = hit + miss + coalesced + stale;
  const providerNames = new Set<string>();
  for (const name of [
    'isobar_provider_requests_total',
    'isobar_provider_budget_remaining',
    'isobar_provider_places_behind',
  ])
    for (const s of named(samples, name)) providerNames.add(s.labels.provider ?? '');
  const gauge = (name: string, provider: string) =>
    named(samples, name).find((s) => s.labels.provider === provider)?.value ?? null;
  const providers = [...providerNames].sort().map((provider) => {
    const outcomes: Record<string, number> = {};
    for (const s of named(samples, 'isobar_provider_requests_total'))
      if (s.labels.provider === provider) outcomes[s.labels.outcome ?? ''] = s.value;
    const errorsByOutcome = Object.fromEntries(
      ERROR_OUTCOMES.filter((o) => (outcomes[o] ?? 0) > 0).map((o) => [o, outcomes[o]!]),
    );
    return {
      provider,
      ok: outcomes.ok ?? 0,
      notModified: outcomes.not_modified ?? 0,
      errors: Object.values(errorsByOutcome).reduce((a, b) => a + b, 0),
      errorsByOutcome,
      budgetLeft: gauge('isobar_provider_budget_remaining', provider),
      behind: gauge('isobar_provider_places_behind', provider),
    };
  });
  return {
    requests: [...requests]
      .map(([key, count]) => {
        const [route = '', status = ''] = key.split('\n');
        return { route, status, count };
      })
      .sort((a, b) => b.count - a.count || a.route.localeCompare(b.route)),
    routes,
    cache: {
      hit,
      miss,
      coalesced,
      stale,
      ratio: lookups === 0 ? null : (hit + coalesced) / lookups,
    },
    queries: sumBy(samples, 'isobar_db_queries_total', 'query').map(([query, count]) => ({
      query,
      count,
    })),
    providers,
    ingestion: ingestionBySource(samples, now),
    purges: sumBy(samples, 'isobar_edge_purges_total', 'result').map(([result, count]) => ({
      result,
      count,
    })),
    changes: sumBy(samples, 'isobar_change_events_total', 'event').map(([event, count]) => ({
      event,
      count,
    })),
  };
}
