// When each place's weather changes in the model: the scheduler's own timing (src/ingest/
// scheduling/backoff.ts), not a clock on the hour. After each update the origin promises the next
// one an hour on (Open-Meteo's default refresh: the fetch time plus OPEN_METEO_REFRESH_MINUTES);
// the scheduler asks at that promise plus up to five minutes of jitter, and a failed request is
// asked again after its backoff. So updates land late, and until one lands the origin gives its
// answers the overdue retry's minute (src/contract/protocol/freshness.ts).
import { HOUR_MS } from '../../../src/contract/durations.ts';
import {
  afterFailure,
  afterUpdate,
  DEFAULT_TIMING,
} from '../../../src/ingest/scheduling/backoff.ts';

export interface UpdateOptions {
  /** The scheduler's jitter and a provider's failures; off: every update lands as promised. */
  late: boolean;
  /** The chance that a provider request fails (and waits for its backoff). */
  failures: number;
}

/** One place's updates: when each landed, and when the origin then promised the next. */
export interface Updates {
  landed: number[];
  promised: number[];
}

const REFRESH_MS = HOUR_MS;
/**
 * The simulated day's midnight: the model counts ms from it, and hands the contract's and the
 * scheduler's rules real dates (which would read a time before 1970 wrongly).
 */
export const MIDNIGHT = Date.UTC(2026, 5, 15);
const date = (t: number) => new Date(MIDNIGHT + t);

/**
 * A place's updates from `from` to `until` (ms), its first at `from + offset`; `random` draws the
 * jitter and the failures.
 */
export function updatesOf(
  offset: number,
  from: number,
  until: number,
  random: () => number,
  o: UpdateOptions,
): Updates {
  const timing = { ...DEFAULT_TIMING, random };
  const landed = [from + offset];
  const promised: number[] = [];
  for (;;) {
    const at = landed.at(-1)!;
    const next = at + REFRESH_MS;
    promised.push(next);
    if (next > until) return { landed, promised };
    if (!o.late) {
      landed.push(next);
      continue;
    }
    let attempt = afterUpdate(date(next), null, date(at), timing);
    for (let failures = 1; random() < o.failures; failures++) {
      attempt = afterFailure(failures, undefined, null, attempt, timing);
    }
    landed.push(attempt.getTime() - MIDNIGHT);
  }
}
