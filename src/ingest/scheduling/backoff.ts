import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../contract/durations.ts';

export interface Timing {
  /** Added at random after each promised update, so a fleet of places does not ask at once. */
  jitterMs: number;
  /** First wait after a failure; doubled for each further one in a row, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  random: () => number;
}

export const DEFAULT_TIMING: Timing = {
  // MET asks for "a random number of minutes" rather than requests on the hour.
  jitterMs: 5 * MINUTE_MS,
  backoffMs: MINUTE_MS,
  maxBackoffMs: 6 * HOUR_MS,
  random: Math.random,
};

/** When to ask after a success: at the promised update (never before Expires), plus jitter. */
export function afterUpdate(
  nextUpdateAt: Date,
  expiresAt: Date | null,
  now: Date,
  t: Timing,
): Date {
  const floor = Math.max(
    nextUpdateAt.getTime(),
    expiresAt?.getTime() ?? 0,
    now.getTime() + MINUTE_MS,
  );
  return new Date(floor + t.random() * t.jitterMs);
}

/**
 * When to ask after the `failures`-th failure in a row: exponential backoff with "equal jitter"
 * (half fixed, half random), never sooner than the provider's Retry-After or Expires.
 */
export function afterFailure(
  failures: number,
  retryAfterMs: number | undefined,
  expiresAt: Date | null,
  now: Date,
  t: Timing,
): Date {
  const full = Math.min(t.maxBackoffMs, t.backoffMs * 2 ** Math.min(failures - 1, 30));
  const wait = Math.max(full / 2 + (t.random() * full) / 2, retryAfterMs ?? 0);
  return new Date(Math.max(now.getTime() + wait, expiresAt?.getTime() ?? 0));
}

/** The head start a day's budget allows before pacing takes over. */
const PACING_HEAD_START_MS = 2 * HOUR_MS;

/**
 * The part of a daily budget that may be spent by `at`: the day's share so far plus two hours'
 * worth. Spending is spread over the day, so a short budget leaves the least-viewed places
 * waiting all day rather than every place dark from the afternoon on.
 */
export function budgetSoFar(perDay: number, at: Date): number {
  const intoDay = at.getTime() % DAY_MS;
  return Math.min(perDay, Math.ceil((perDay * (intoDay + PACING_HEAD_START_MS)) / DAY_MS));
}
