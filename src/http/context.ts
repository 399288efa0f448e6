import type { Context } from 'hono';
import type { Place } from '../domain/place.ts';
import type { HeldWeather } from '../domain/weather/held-weather.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Queryable } from '../store/index.ts';
import type { MicroCache } from './cache/micro-cache.ts';
import type { Representation } from './representation.ts';

/** What route handlers share: built once by createApp. */
export interface RouteDeps {
  db: Queryable;
  cache: MicroCache<Representation>;
  metrics: Metrics;
  /** Milliseconds since the epoch; a test clock in tests. */
  now: () => number;
  /** Data credits shown at the foot of every HTML page. */
  credits: readonly string[];
  /** The client's address: the socket peer, or what trusted proxies say it forwarded. */
  clientAddress: (c: Context) => string;
  /** Whether the client came over https: the request's own scheme, or a trusted proxy's word. */
  isHttps: (c: Context) => boolean;
  /** Told of every request for a place (country, slug key): what providers keep up to date. */
  onPlaceView?: (countryCode: string, key: string) => void;
  /**
   * Asked when a place about to be shown has no real weather: resolves within a few seconds,
   * true when the store may hold some now (to be read again). Never rejects.
   */
  ensureWeather?: (place: Place, held: HeldWeather) => Promise<boolean>;
}

/** Hono variables set by isobar's middleware. */
export interface AppEnv {
  /** Set by a runtime that asked the quick path before handing the request to the app. */
  Bindings: { quickTried?: boolean } | undefined;
  Variables: {
    requestId: string;
    /** The route label used in metrics and logs. */
    route: string;
  };
}
