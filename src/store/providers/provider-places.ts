import { DAY_S } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from '../catalog/place-columns.ts';
import { type Queryable, statement } from '../database.ts';

/** What a provider said last time about a place, and how its last attempts went. */
export interface ProviderSchedule {
  /** The provider's Last-Modified, exactly as sent: If-Modified-Since must repeat it verbatim. */
  lastModified: string | null;
  /** No request for this place before this time (the provider's Expires). */
  expiresAt: Date | null;
  /** Failed attempts in a row. */
  failures: number;
}

export interface ScheduleUpdate extends ProviderSchedule {
  nextFetchAt: Date;
  attemptAt: Date;
  /** Set when the attempt succeeded (a 200 or a 304). */
  successAt: Date | null;
  error: string | null;
}

/** Which places are wanted: a fixed list, and (unless `listOnly`) those viewed since `since`. */
export interface Wanted {
  listed: readonly number[];
  listOnly: boolean;
  since: Date;
}

// Listed places outrank any view count; viewed ones rank by their count decayed to now (it halves
// every day), so when the budget runs short the least-viewed places are the ones that wait.
const WANTED = `wanted AS (
    SELECT location_id, max(weight) AS weight FROM (
      SELECT id AS location_id, 1e300::float8 AS weight FROM unnest($3::int[]) AS id
      UNION ALL
      SELECT location_id,
             views * power(0.5, extract(epoch FROM ($2::timestamptz - last_viewed_at)) / ${DAY_S})
        FROM place_views WHERE NOT $4::bool AND last_viewed_at > $5::timestamptz) w
    GROUP BY location_id)`;

const due = statement(
  'provider_places_due',
  `WITH ${WANTED}
   SELECT ${PLACE_COLUMNS}, s.last_modified AS "lastModified", s.expires_at AS "expiresAt",
          coalesce(s.failures, 0) AS failures
     FROM wanted w JOIN locations l ON l.id = w.location_id
     LEFT JOIN provider_places s ON s.provider = $1 AND s.location_id = l.id
    WHERE s.next_fetch_at IS NULL OR s.next_fetch_at <= $2
    ORDER BY w.weight DESC, l.population DESC, l.id
    LIMIT $6`,
);

const backlog = statement(
  'provider_places_backlog',
  `WITH ${WANTED}
   SELECT count(*) FILTER (WHERE s.next_fetch_at IS NULL OR s.next_fetch_at <= $2)::int AS due,
          count(*) FILTER (WHERE s.failures > 0 AND s.next_fetch_at > $2)::int AS failing
     FROM wanted w LEFT JOIN provider_places s ON s.provider = $1 AND s.location_id = w.location_id`,
);

const save = statement(
  'provider_places_save',
  `INSERT INTO provider_places AS p (provider, location_id, next_fetch_at, expires_at, last_modified,
       last_attempt_at, last_success_at, failures, last_error)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
   ON CONFLICT (provider, location_id) DO UPDATE SET
     next_fetch_at = excluded.next_fetch_at, expires_at = excluded.expires_at,
     last_modified = excluded.last_modified, last_attempt_at = excluded.last_attempt_at,
     last_success_at = coalesce(excluded.last_success_at, p.last_success_at),
     failures = excluded.failures, last_error = excluded.last_error`,
);

// A place's row is taken only while due (or when it has none): its next fetch moves to `$4`, so
// neither a scheduler nor another process asks for it meanwhile.
const claim = statement(
  'provider_places_claim',
  `INSERT INTO provider_places AS p (provider, location_id, next_fetch_at) VALUES ($1, $2, $4)
   ON CONFLICT (provider, location_id) DO UPDATE SET next_fetch_at = excluded.next_fetch_at
     WHERE p.next_fetch_at <= $3
   RETURNING p.last_modified AS "lastModified", p.expires_at AS "expiresAt", p.failures`,
);

type DueRow = PlaceRow & ProviderSchedule;

const params = (provider: string, now: Date, w: Wanted) => [
  provider,
  now,
  [...w.listed],
  w.listOnly,
  w.since,
];

/** The wanted places whose next fetch is due, most wanted first, at most `limit`. */
export async function duePlaces(
  q: Queryable,
  provider: string,
  now: Date,
  wanted: Wanted,
  limit: number,
): Promise<{ place: Place; schedule: ProviderSchedule }[]> {
  const rows = await q.all<DueRow>(due, [...params(provider, now, wanted), limit]);
  return rows.map((r) => ({
    place: toPlace(r),
    schedule: { lastModified: r.lastModified, expiresAt: r.expiresAt, failures: r.failures },
  }));
}

/** Wanted places still due now, and those waiting out a backoff after failing. */
export async function providerBacklog(
  q: Queryable,
  provider: string,
  now: Date,
  wanted: Wanted,
): Promise<{ due: number; failing: number }> {
  return (await q.one<{ due: number; failing: number }>(backlog, params(provider, now, wanted)))!;
}

/** Records an attempt's outcome and when to try next. */
export async function saveSchedule(
  q: Queryable,
  provider: string,
  locationId: number,
  s: ScheduleUpdate,
): Promise<void> {
  await q.run(save, [
    provider,
    locationId,
    s.nextFetchAt,
    s.expiresAt,
    s.lastModified,
    s.attemptAt,
    s.successAt,
    s.failures,
    s.error,
  ]);
}

/**
 * Takes one place for a fetch outside the scheduler (a first view): when it is due, or new to
 * this provider, its next fetch moves to `until` and its schedule comes back; otherwise null (it
 * was fetched lately, is backing off, or another process has it).
 */
export async function claimPlace(
  q: Queryable,
  provider: string,
  locationId: number,
  now: Date,
  until: Date,
): Promise<ProviderSchedule | null> {
  return (await q.one<ProviderSchedule>(claim, [provider, locationId, now, until])) ?? null;
}
