import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics.ts';
import { createIngestMetrics, type IngestMetrics } from './ingest-metrics.ts';

/** The counters isobar exports at /metrics; one set per process (and per test app). */
export interface Metrics {
  registry: Registry;
  // Counted on every request: plain records (fast-metrics.ts), read by the same registry.
  dbQueries: FastCounter<'query'>;
  cacheRequests: FastCounter<'result'>;
  httpRequests: FastCounter<'method' | 'route' | 'status'>;
  httpDuration: FastHistogram<'route'>;
  geoLookups: Counter<'result'>;
  firstVisits: FastCounter<'outcome'>;
  /** Rows, errors and data times by source: the write API and providers (not `isobar import`). */
  ingest: IngestMetrics;
  authRefusals: Counter<'reason'>;
  changeEvents: Counter<'event'>;
  edgePurges: Counter<'result'>;
  webhookDeliveries: Counter<'outcome'>;
  providerRequests: Counter<'provider' | 'outcome'>;
  providerBudgetLeft: Gauge<'provider'>;
  providerPlacesBehind: Gauge<'provider'>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop); off in tests, where many apps share a process. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  // The event loop's delay sampled every 100 ms, not prom-client's default 10: at 10 the timer
  // cost a busy server 6–8 % of its rate on the hot rows of `npm run bench` (returning visitor
  // 0.70–0.74 of its baseline against 0.80–0.84, measured with wrk on 2026-12-06); ten samples a
  // second still give the lag's percentiles between two scrapes.
  if (options.processMetrics) {
    collectDefaultMetrics({
      register: registry,
      prefix: 'isobar_',
      eventLoopMonitoringPrecision: 100,
    });
  }
  const registers = [registry];
  return {
    registry,
    dbQueries: new FastCounter({
      name: 'isobar_db_queries_total',
      help: 'Database statements executed, by statement name',
      labelNames: ['query'],
      registers,
    }),
    cacheRequests: new FastCounter({
      name: 'isobar_cache_requests_total',
      help: 'Origin micro-cache lookups, by result (hit, miss, coalesced, stale: an expired copy served because its load failed)',
      labelNames: ['result'],
      registers,
    }),
    httpRequests: new FastCounter({
      name: 'isobar_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new FastHistogram({
      name: 'isobar_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    geoLookups: new Counter({
      name: 'isobar_geo_lookups_total',
      help: 'IP geolocation lookups, by result (found, not_found)',
      labelNames: ['result'],
      registers,
    }),
    firstVisits: new FastCounter({
      name: 'isobar_first_visit_total',
      help: 'Visits to / answered, by outcome (cookie, lookup, fallback, override)',
      labelNames: ['outcome'],
      registers,
    }),
    ingest: createIngestMetrics(registers),
    authRefusals: new Counter({
      name: 'isobar_auth_refusals_total',
      help: 'Write API requests refused, by reason (missing, invalid, scope, rate, failures)',
      labelNames: ['reason'],
      registers,
    }),
    changeEvents: new Counter({
      name: 'isobar_change_events_total',
      help: 'Change announcements heard (places), and gaps after which the micro-cache was cleared (gap)',
      labelNames: ['event'],
      registers,
    }),
    edgePurges: new Counter({
      name: 'isobar_edge_purges_total',
      help: 'Purges sent to the edge after a write, by result (ok, failed after every retry)',
      labelNames: ['result'],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'isobar_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome (delivered, retried, failed after every retry, dropped: subscription gone or disabled)',
      labelNames: ['outcome'],
      registers,
    }),
    providerRequests: new Counter({
      name: 'isobar_provider_requests_total',
      help: 'Requests to upstream providers, by outcome (ok, not_modified, rate_limited, server_error, timeout, network, malformed, refused, too_large)',
      labelNames: ['provider', 'outcome'],
      registers,
    }),
    providerBudgetLeft: new Gauge({
      name: 'isobar_provider_budget_remaining',
      help: "Requests left in a provider's daily budget (UTC day)",
      labelNames: ['provider'],
      registers,
    }),
    providerPlacesBehind: new Gauge({
      name: 'isobar_provider_places_behind',
      help: 'Wanted places whose update is due but not fetched (budget, backoff after failures)',
      labelNames: ['provider'],
      registers,
    }),
  };
}
