import type { Queryable } from '../../store/database.ts';
import { schemaProblem } from '../../store/schema-status.ts';

/** How long a /healthz answer is given again without asking the database. */
export const HEALTH_CACHE_MS = 1_000;
/**
 * How old an answer may be given while a newer one is being asked for: a probe is not queued
 * behind the database's other work (on PGlite, behind every statement waiting in this thread).
 */
export const HEALTH_STALE_MS = 5_000;

export interface HealthCheckOptions {
  db: Queryable;
  now: () => number;
}

/** What stops the database serving this version, in a sentence, or null when nothing does. */
export interface HealthCheck {
  /**
   * The answer of the last second; older, a new one is asked for (once, whoever else asks
   * meanwhile) and the old one given while it comes, for up to HEALTH_STALE_MS.
   */
  recent(): Promise<string | null>;
  /** Asks the database now; the answer is the next `recent` one. */
  deep(): Promise<string | null>;
}

type Answer = { at: number; problem: string | null };

/**
 * /healthz for load balancers, probed every few seconds by each of them (and by anyone, since it
 * needs no token): its three queries run at most once a second, however often it is asked.
 * `?deep=1` is the operator's check of the database as it is at this moment.
 */
export function createHealthCheck(options: HealthCheckOptions): HealthCheck {
  let settled: Answer | undefined;
  let asking: Promise<string | null> | undefined;
  const deep = () => {
    const at = options.now();
    // Answering is not enough: a database recreated empty answers, and every read fails.
    const answer = schemaProblem(options.db)
      .catch(() => 'not answering')
      .then((problem) => {
        if (!settled || settled.at <= at) settled = { at, problem };
        if (asking === answer) asking = undefined;
        return problem;
      });
    asking = answer;
    return answer;
  };
  return {
    recent() {
      const age = settled ? options.now() - settled.at : Number.POSITIVE_INFINITY;
      if (settled && age < HEALTH_CACHE_MS) return Promise.resolve(settled.problem);
      const coming = asking ?? deep();
      return settled && age < HEALTH_STALE_MS ? Promise.resolve(settled.problem) : coming;
    },
    deep,
  };
}
