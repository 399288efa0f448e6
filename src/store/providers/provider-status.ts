import { type Queryable, statement } from '../database.ts';

/** How a provider's refreshes stand, from its schedule (every process's work, not one's). */
export interface ProviderStanding {
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  /** The newest failure's message, as the refresh recorded it. */
  lastError: string | null;
  /** Places whose last attempt failed (backing off). */
  failing: number;
  /** Places due before `behindBefore` and not fetched yet. */
  behind: number;
  /** The earliest due time of a place still waiting (null: none waits). */
  oldestDue: Date | null;
  /** Budget units spent today (UTC). */
  used: number;
}

// One pass over the provider's schedule rows (the wanted places, and those put aside at
// 'infinity'), and today's budget row.
const standing = statement(
  'provider_standing',
  `SELECT max(last_success_at) AS "lastSuccessAt",
          max(last_attempt_at) FILTER (WHERE failures > 0) AS "lastFailureAt",
          (array_agg(last_error ORDER BY last_attempt_at DESC) FILTER (WHERE failures > 0))[1]
            AS "lastError",
          count(*) FILTER (WHERE failures > 0)::int AS failing,
          count(*) FILTER (WHERE next_fetch_at < $3)::int AS behind,
          min(next_fetch_at) FILTER (WHERE next_fetch_at <= $2) AS "oldestDue",
          coalesce((SELECT used FROM provider_budgets WHERE provider = $1 AND day = $4), 0)::int
            AS used
     FROM provider_places WHERE provider = $1`,
);

/** A provider's standing at `now`; a place counts as behind once due before `behindBefore`. */
export async function providerStanding(
  q: Queryable,
  provider: string,
  now: Date,
  behindBefore: Date,
): Promise<ProviderStanding> {
  const day = now.toISOString().slice(0, 10);
  return (await q.one<ProviderStanding>(standing, [provider, now, behindBefore, day]))!;
}
