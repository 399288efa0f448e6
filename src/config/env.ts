import { isIP } from 'node:net';
import { z } from 'zod';
import { readPlaceRef } from '../contract/uris/place-uri.ts';
import { type Cidr, LOOPBACK, parseCidrList } from '../domain/networks.ts';

/** Every setting isobar reads from its environment, parsed once at start. */
const cidrList = z.string().transform((v, ctx): Cidr[] => {
  try {
    return parseCidrList(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const commaList = (v: string) =>
  v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
const names = z
  .string()
  .transform(commaList)
  .refine((l) => l.every((n) => /^[a-z0-9-]+$/.test(n)), 'must be names such as open-meteo');
const placeList = z
  .string()
  .transform(commaList)
  .refine(
    (l) => l.every((p) => readPlaceRef(p) !== null),
    'must be place paths such as GB/London,FR/Paris',
  );
const httpUrl = z.string().regex(/^https?:\/\/[^/?#]+/, 'must be an http(s) URL');

/** An IP address or a host name (RFC 1123 labels); all-digit names are IPv4 or nothing. */
function isListenHost(v: string): boolean {
  if (isIP(v) !== 0) return true;
  if (/^[\d.]+$/.test(v)) return false;
  return /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(
    v,
  );
}

/** Every variable, its rules, default and one line for `isobar <command> --help`. */
export const ENV_SCHEMA = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(
        /^(postgres(ql)?:\/\/|pglite:)/,
        'must start with postgres://, postgresql:// or pglite:',
      )
      .optional()
      .describe(
        'postgres://user@host:5432/db, or pglite:DIR / pglite:memory; unset: PGlite in DATA_DIR',
      ),
    DATABASE_LISTEN_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional()
      .describe(
        'the connection that LISTENs for changes, to the same database: direct or through PgBouncer in session mode; unset: DATABASE_URL',
      ),
    DATABASE_LISTEN_HEARTBEAT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(3_600_000)
      .default(30_000)
      .describe(
        'how often a NOTIFY checks that the listening connection still hears changes; one unheard for 5 s reconnects it',
      ),
    DATA_DIR: z.string().min(1).default('./data').describe('where the embedded database lives'),
    HOST: z
      .string()
      .refine(isListenHost, 'must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0')
      .default('127.0.0.1')
      .describe('address to listen on'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('port to listen on'),
    DEMO_PLACES: z.coerce
      .number()
      .int()
      .min(0)
      .max(200_000)
      .default(0)
      .describe(
        'the most populous places given demo weather at start and hourly; 0: none, every place gets its weather when first viewed (PROVIDERS)',
      ),
    CACHE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024)
      .describe('bound of the in-process cache of rendered answers'),
    LOG_LEVEL: z
      .enum(['debug', 'info', 'warn', 'error', 'silent'])
      .default('info')
      .describe('debug, info, warn, error or silent (JSON lines on stderr)'),
    GEOIP_DB: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .optional()
      .describe(
        'MaxMind-format City databases, comma-separated; unset: the bundled DB-IP City Lite',
      ),
    GEOLOCATION: z
      .enum(['origin', 'edge'])
      .default('origin')
      .describe(
        "who guesses a first visitor's place: origin (GEOIP_DB, read at the first lookup) or edge (its worker does; no file is read here)",
      ),
    TRUST_PROXY: cidrList
      .default([])
      .describe('proxies whose X-Forwarded-For is believed: CIDRs or addresses, comma-separated'),
    METRICS_ALLOW: cidrList
      .default([...LOOPBACK])
      .describe('who may read /metrics (after TRUST_PROXY): CIDRs or addresses; default: loopback'),
    DEFAULT_LOCATION: z
      .string()
      .refine((v) => readPlaceRef(v) !== null, 'must be a place path such as GB/London')
      .optional()
      .describe('where a visitor lands when their address says nothing, e.g. GB/London'),
    WRITE_RATE_LIMIT: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(120)
      .describe('write API requests a minute each token may send to one origin process'),
    // The caches downstream, purged by tag from the change log (src/edge-client; edge/README.md).
    VARNISH_URLS: z
      .string()
      .transform(commaList)
      .pipe(z.array(httpUrl).min(1))
      .optional()
      .describe('Varnishes running edge/varnish/isobar.vcl, purged by tag after each change'),
    CF_ZONE_ID: z
      .string()
      .regex(/^[0-9a-f]{32}$/i, 'must be a Cloudflare zone id (32 hexadecimal digits)')
      .optional()
      .describe('the Cloudflare zone whose CDN cache is purged by tag (with CF_API_TOKEN)'),
    CF_API_TOKEN: z
      .string()
      .min(20, 'must be a Cloudflare API token')
      .optional()
      .describe("a Cloudflare API token with the zone's Cache Purge permission (a secret)"),
    CF_API_URL: httpUrl
      .default('https://api.cloudflare.com/client/v4')
      .describe("Cloudflare's API (a fake of it in tests)"),
    CF_PURGE_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .max(3000)
      .default(5)
      .describe(
        "purge requests a minute this process sends Cloudflare: the plan's limit (Free 5, Pro 300, Business 600, Enterprise 3000) divided among the processes that purge",
      ),
    // Webhooks (src/webhooks; README, Webhooks): where changes are pushed, and how hard.
    WEBHOOK_ALLOW: cidrList
      .default([])
      .describe(
        'addresses webhooks may go to although private, loopback or link-local (CIDRs or addresses; plain http only to these); default: none',
      ),
    WEBHOOK_RETRIES: z.coerce
      .number()
      .int()
      .min(0)
      .max(20)
      .default(8)
      .describe('retries of a failed webhook delivery, each wait doubled (30 s, 1 min, … to 1 h)'),
    WEBHOOK_RETRY_DELAY_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe('the first wait before a failed webhook delivery is retried (seconds)'),
    WEBHOOK_DISABLE_AFTER: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe('deliveries in a row failing after every retry that disable a subscription'),
    WEBHOOK_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(120_000)
      .default(10_000)
      .describe('how long a webhook receiver has to answer (ms)'),
    // Upstream providers (src/ingest/providers; see README): which run inside `serve`, for which
    // places besides those people look at, and each provider's own settings.
    // `demo` is the generated weather (src/ingest/demo): alone, nothing is ever asked upstream;
    // every other provider falls back to it, labelled, for a place it cannot reach. `none`: only
    // what is written to isobar (write API, import), as before providers existed.
    PROVIDERS: names
      .refine(
        (l) => !l.includes('none') || l.length === 1,
        'none stands alone (no weather but what is written to isobar)',
      )
      .refine(
        (l) => !l.includes('demo') || l.length === 1,
        'demo stands alone (every provider falls back to demo weather by itself)',
      )
      .default(['open-meteo'])
      .describe(
        'where weather comes from, comma-separated: open-meteo (default), met-norway; demo alone: generated, offline; none: only what is written',
      ),
    PROVIDER_PLACES: placeList
      .default([])
      .describe('places always kept up to date, e.g. GB/London,NO/Oslo'),
    PROVIDER_RECENT_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(6)
      .describe('a place viewed within this many hours is kept up to date'),
    MET_NORWAY_USER_AGENT: z
      .string()
      .refine(
        (v) => /@|https?:\/\/|[a-z0-9-]+\.[a-z]{2,}/i.test(v),
        'must name your application and a contact, e.g. "isobar.example.com ops@example.com"',
      )
      .optional()
      .describe("MET Norway's terms: your application and a contact; required for met-norway"),
    MET_NORWAY_URL: httpUrl
      .default('https://api.met.no/weatherapi/locationforecast/2.0/compact')
      .describe("MET Norway's Locationforecast endpoint"),
    MET_NORWAY_DAILY_BUDGET: z.coerce
      .number()
      .int()
      .min(0)
      .default(20_000)
      .describe('requests to MET Norway a UTC day, never exceeded'),
    OPEN_METEO_URL: httpUrl
      .optional()
      .describe("Open-Meteo's endpoint; unset: the free one, or customer-api with a key"),
    OPEN_METEO_API_KEY: z
      .string()
      .min(1)
      .optional()
      .describe("a commercial subscription's key, sent as apikey"),
    OPEN_METEO_DAILY_BUDGET: z.coerce
      .number()
      .int()
      .min(0)
      .default(5_000)
      .describe('Open-Meteo calls a UTC day as it counts them, never exceeded'),
    OPEN_METEO_REFRESH_MINUTES: z.coerce
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .default(60)
      .describe('how often a place is asked again'),
    PROVIDER_BATCHES_IN_FLIGHT: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .optional()
      .describe(
        'refresh batches one process works at once from the job queue; unset: 1 for Open-Meteo (a batch is 50 places), 4 for MET Norway (4 places each); more processes add more',
      ),
    PROVIDER_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(1024 * 1024 * 1024)
      .default(8 * 1024 * 1024)
      .describe(
        'most bytes of one provider answer read (ten days of one place are tens of KB); past it the request is aborted and counted as too_large',
      ),
    // Weather warnings (src/ingest/alerts): CAP feeds polled on the job queue, none by default.
    ALERT_FEEDS: z
      .string()
      .transform(commaList)
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(nws|met-alerts|meteoalarm)=https?:\/\/[^/?#]+/,
              'each must be nws=URL, met-alerts=URL or meteoalarm=URL (an http(s) URL)',
            ),
        ),
      )
      .default([])
      .describe(
        'CAP alert feeds polled for weather warnings, comma-separated kind=URL: nws=https://api.weather.gov/alerts/active, met-alerts=https://api.met.no/weatherapi/metalerts/2.0/current.rss, meteoalarm=https://feeds.meteoalarm.org/feeds/meteoalarm-legacy-atom-united-kingdom',
      ),
    ALERT_POLL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(5)
      .describe('how often each alert feed is polled'),
    ALERT_USER_AGENT: z
      .string()
      .min(1)
      .default('isobar-weather-warnings')
      .describe(
        'sent to the alert feeds (the NWS and MET Norway ask for an application and a contact)',
      ),
    // Limits of the Node server (README, "Limits"): what one request or connection may cost.
    MAX_URL_LENGTH: z.coerce
      .number()
      .int()
      .min(256)
      .max(65_536)
      .default(8192)
      .describe('longest request target (path and query) answered; longer ones get 414'),
    MAX_HEADER_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(65_536)
      .default(16_384)
      .describe('most bytes of request headers answered; more get 431'),
    MAX_QUERY_PARAMS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(32)
      .describe('most query parameters answered; more get 400'),
    HEADERS_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(10_000)
      .describe('a client must send its request line and headers within this, or gets 408'),
    REQUEST_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(3_600_000)
      .default(30_000)
      .describe('a client must send its whole request, body included, within this'),
    MAX_CONNECTIONS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(2000)
      .describe('open connections one process accepts; more are dropped as they arrive'),
    /**
     * The public API the dashboard (/dashboard/…) reads, e.g. https://isobar.example.com; unset:
     * this same server, in process. Browsers redraw its charts from there too (CORS is open).
     */
    DASHBOARD_API_URL: z
      .string()
      .regex(
        /^https?:\/\/[^/?#]+\/?$/,
        'must be an http(s) URL with no path, e.g. https://isobar.example.com',
      )
      .optional()
      .describe('the public API the dashboard reads; unset: this same server'),
    /**
     * An origin's /metrics, read by the operations page when the dashboard runs apart from it
     * (that origin's METRICS_ALLOW must list the dashboard's address); unset: this process's own.
     */
    DASHBOARD_METRICS_URL: httpUrl
      .optional()
      .describe("an origin's /metrics for the operations page; unset: this process's own"),
    SHUTDOWN_GRACE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(600_000)
      .default(10_000)
      .describe('on SIGTERM or SIGINT, how long requests in flight may take to finish'),
  })
  .refine((e) => e.HEADERS_TIMEOUT_MS <= e.REQUEST_TIMEOUT_MS, {
    path: ['HEADERS_TIMEOUT_MS'],
    message: 'must not be longer than REQUEST_TIMEOUT_MS',
  })
  .refine((e) => !e.DATABASE_LISTEN_URL || /^postgres(ql)?:\/\//.test(e.DATABASE_URL ?? ''), {
    path: ['DATABASE_LISTEN_URL'],
    message: 'needs a postgres:// DATABASE_URL (an embedded database listens in process)',
  })
  .refine((e) => !e.CF_ZONE_ID === !e.CF_API_TOKEN, {
    path: ['CF_API_TOKEN'],
    message: 'CF_ZONE_ID and CF_API_TOKEN go together (the zone to purge, and the token to do it)',
  });

/** Settings that are gone, and what replaced them: refused rather than silently ignored. */
const GONE: Record<string, string> = {
  EDGE_URL:
    "is gone: the edge is Cloudflare's CDN cache now, purged by tag through its API (set CF_ZONE_ID and CF_API_TOKEN; see edge/README.md)",
  PURGE_SECRET: 'is gone with EDGE_URL: the worker keeps no cache to purge',
};

export type Env = z.infer<typeof ENV_SCHEMA>;

export interface Config extends Env {
  /** The database DSN actually used: DATABASE_URL, or on-disk PGlite under DATA_DIR. */
  dsn: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const blankless = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ENV_SCHEMA.safeParse(blankless);
  const gone = Object.keys(GONE).filter((name) => name in blankless);
  if (!parsed.success || gone.length > 0) {
    const lines = [
      ...gone.map((name) => `${name}: ${GONE[name]}`),
      ...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`),
    ];
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data!;
  return { ...e, dsn: e.DATABASE_URL ?? `pglite:${e.DATA_DIR.replace(/\/+$/, '')}/isobar` };
}
