import { z } from 'zod';
import { readPlaceRef } from '../contract/place.ts';
import { type Cidr, LOOPBACK, parseCidrList } from '../geo/client-address.ts';

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

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(
        /^(postgres(ql)?:\/\/|pglite:)/,
        'must start with postgres://, postgresql:// or pglite:',
      )
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    DEMO_PLACES: z.coerce.number().int().min(0).max(200_000).default(1000),
    CACHE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** MaxMind-format City databases, comma-separated; unset: the bundled DB-IP City Lite files. */
    GEOIP_DB: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .optional(),
    /** Proxies whose X-Forwarded-For is believed: CIDRs or addresses, comma-separated. */
    TRUST_PROXY: cidrList.default([]),
    /** Who may read /metrics (the client address, after TRUST_PROXY): CIDRs or addresses. */
    METRICS_ALLOW: cidrList.default([...LOOPBACK]),
    /**
     * Where a visitor lands when their address says nothing, e.g. GB/London; unset: a place picker.
     */
    DEFAULT_LOCATION: z
      .string()
      .refine((v) => readPlaceRef(v) !== null, 'must be a place path such as GB/London')
      .optional(),
    /** Write API requests per minute each token may send to one origin process. */
    WRITE_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
    /** The edge worker's public URL, told to purge what a write changed; unset: no edge. */
    EDGE_URL: z
      .string()
      .regex(
        /^https?:\/\/[^/?#]+\/?$/,
        'must be an http(s) URL with no path, e.g. https://isobar.example.com',
      )
      .optional(),
    /** The worker's PURGE_SECRET, which signs those purges. */
    PURGE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // Upstream providers (src/ingest/providers; see README): which run inside `serve`, for which
    // places besides those people look at, and each provider's own settings.
    PROVIDERS: names.default([]),
    PROVIDER_PLACES: placeList.default([]),
    /** A place viewed within this many hours is kept up to date. */
    PROVIDER_RECENT_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(6),
    /** MET Norway's terms: an identifying User-Agent with a way to contact you. */
    MET_NORWAY_USER_AGENT: z
      .string()
      .refine(
        (v) => /@|https?:\/\/|[a-z0-9-]+\.[a-z]{2,}/i.test(v),
        'must name your application and a contact, e.g. "isobar.example.com ops@example.com"',
      )
      .optional(),
    MET_NORWAY_URL: httpUrl.default('https://api.met.no/weatherapi/locationforecast/2.0/compact'),
    MET_NORWAY_DAILY_BUDGET: z.coerce.number().int().min(0).default(20_000),
    /** Unset: the free endpoint, or the commercial one (customer-api) when a key is set. */
    OPEN_METEO_URL: httpUrl.optional(),
    OPEN_METEO_API_KEY: z.string().min(1).optional(),
    OPEN_METEO_DAILY_BUDGET: z.coerce.number().int().min(0).default(5_000),
    OPEN_METEO_REFRESH_MINUTES: z.coerce
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .default(60),
    // Limits of the Node server (README, "Limits"): what one request or connection may cost.
    /** Longest request target (path and query) answered; longer ones get 414. */
    MAX_URL_LENGTH: z.coerce.number().int().min(256).max(65_536).default(8192),
    /** Most bytes of request headers answered; more get 431. */
    MAX_HEADER_BYTES: z.coerce.number().int().min(1024).max(65_536).default(16_384),
    /** Most query parameters answered; more get 400. */
    MAX_QUERY_PARAMS: z.coerce.number().int().min(1).max(1000).default(32),
    /** A client must send its request line and headers within this, or gets 408. */
    HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** A client must send its whole request, body included, within this. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    /** Open connections one process accepts; more are dropped as they arrive. */
    MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(2000),
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
      .optional(),
    /**
     * An origin's /metrics, read by the operations page when the dashboard runs apart from it
     * (that origin's METRICS_ALLOW must list the dashboard's address); unset: this process's own.
     */
    DASHBOARD_METRICS_URL: httpUrl.optional(),
    /** On SIGTERM or SIGINT, how long requests in flight may take to finish. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  })
  .refine((e) => e.HEADERS_TIMEOUT_MS <= e.REQUEST_TIMEOUT_MS, {
    path: ['HEADERS_TIMEOUT_MS'],
    message: 'must not be longer than REQUEST_TIMEOUT_MS',
  })
  .refine((e) => !e.EDGE_URL || e.PURGE_SECRET, {
    path: ['PURGE_SECRET'],
    message: 'is required when EDGE_URL is set (the edge refuses unsigned purges)',
  });

export type Env = z.infer<typeof schema>;

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
  const parsed = schema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return { ...e, dsn: e.DATABASE_URL ?? `pglite:${e.DATA_DIR.replace(/\/+$/, '')}/isobar` };
}
