import type { Queryable } from '../store/index.ts';
import type { MicroCache } from './cache/micro-cache.ts';
import type { Metrics } from './metrics.ts';
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
}

/** Hono variables set by isobar's middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The route label used in metrics and logs. */
    route: string;
  };
}
