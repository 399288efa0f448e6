import type { Queryable } from '../../store/database.ts';
import { schemaProblem } from '../../store/schema-status.ts';

/** How long a /healthz answer is given again without asking the database. */
export const HEALTH_CACHE_MS = 1_000;

export interface HealthCheckOptions {
  db: Queryable;
  now: () => number;
  cacheMs?: number;
}

/** What stops the database serving this version, in a sentence, or null when nothing does. */
export interface HealthCheck {
  /** The answer of the last second, asked again once it is older (concurrent askers share one). */
  recent(): Promise<string | null>;
  /** Asks the database now, and keeps the answer for `recent`. */
  deep(): Promise<string | null>;
}

/**
 * /healthz for load balancers, probed every few seconds by each of them (and by anyone, since it
 * needs no token): its three queries run at most once a second, however often it is asked.
 * `?deep=1` is the operator's check of the database as it is at this moment.
 */
export function createHealthCheck(options: HealthCheckOptions): HealthCheck {
  const cacheMs = options.cacheMs ?? HEALTH_CACHE_MS;
  let last: { at: number; answer: Promise<string | null> } | undefined;
  const deep = () => {
    // Answering is not enough: a database recreated empty answers, and every read fails.
    const answer = schemaProblem(options.db).catch(() => 'not answering');
    last = { at: options.now(), answer };
    return answer;
  };
  return {
    recent: () => (last && options.now() - last.at < cacheMs ? last.answer : deep()),
    deep,
  };
}
