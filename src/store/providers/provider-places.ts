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

/** A place's schedule after an attempt. */
export interface ScheduleUpdate extends ProviderSchedule {
  locationId: number;
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

// How much a place is wanted: a listed one outranks any view count; a viewed one ranks by its count
// decayed to now (it halves every day), so when the budget runs short the least-viewed wait.
const WEIGHT = `CASE WHEN s.location_id = ANY($3::int[]) THEN 1e300::float8
   ELSE v.views * power(0.5, extract(epoch FROM ($2::timestamptz - v.last_viewed_at)) / ${DAY_S}) END`;
const IS_WANTED = `(s.location_id = ANY($3::int[]) OR (NOT $4::bool AND v.last_viewed_at > $5::timestamptz))`;

// Only the rows already due are read (the (provider, next_fetch_at) index), and only they are
// sorted: the views of places not due are never looked at.
const due = statement(
  'provider_places_due',
  `SELECT ${PLACE_COLUMNS}, s.last_modified AS "lastModified", s.expires_at AS "expiresAt",
          s.failures
     FROM provider_places s JOIN locations l ON l.id = s.location_id
     LEFT JOIN place_views v ON v.location_id = s.location_id
    WHERE s.provider = $1 AND s.next_fetch_at <= $2 AND ${IS_WANTED}
    ORDER BY ${WEIGHT} DESC NULLS LAST, l.population DESC, l.id
    LIMIT $6`,
);

// Due places nobody wants any more are put aside (next fetch at infinity) until a view wakes them.
const park = statement(
  'provider_places_park',
  `UPDATE provider_places s SET next_fetch_at = 'infinity'
    WHERE s.provider = $1 AND s.next_fetch_at <= $2
      AND NOT (s.location_id = ANY($3::int[]) OR (NOT $4::bool AND EXISTS (
        SELECT 1 FROM place_views v
         WHERE v.location_id = s.location_id AND v.last_viewed_at > $5::timestamptz)))`,
);

const backlog = statement(
  'provider_places_backlog',
  `SELECT count(*) FILTER (WHERE s.next_fetch_at <= $2)::int AS due,
          count(*) FILTER (WHERE s.failures > 0 AND s.next_fetch_at > $2
                             AND s.next_fetch_at < 'infinity')::int AS failing
     FROM provider_places s LEFT JOIN place_views v ON v.location_id = s.location_id
    WHERE s.provider = $1 AND ${IS_WANTED}`,
);

// A place is put on a provider's schedule, due at $3, unless it is there already; one put aside
// comes back (never before its Expires).
const schedule = statement(
  'provider_places_schedule',
  `INSERT INTO provider_places AS p (provider, location_id, next_fetch_at)
   SELECT $1, id, $3 FROM unnest($2::int[]) AS id
   ON CONFLICT (provider, location_id) DO UPDATE
     SET next_fetch_at = greatest(excluded.next_fetch_at, coalesce(p.expires_at, excluded.next_fetch_at))
     WHERE p.next_fetch_at = 'infinity'`,
);

// Places viewed since $2 (the place_views_viewed index), for the schedule.
const viewedSince = statement(
  'place_views_since',
  'SELECT location_id FROM place_views WHERE last_viewed_at > $1',
);

// Which of these places are wanted, and how much (see WEIGHT).
const weights = statement(
  'provider_places_weights',
  `SELECT s.location_id AS "locationId", ${WEIGHT} AS weight
     FROM unnest($1::int[]) AS s(location_id)
     LEFT JOIN place_views v ON v.location_id = s.location_id
    WHERE ${IS_WANTED}`,
);

// Each place's schedule after an attempt, for a whole batch at once (one statement, one commit).
const save = statement(
  'provider_places_save',
  `INSERT INTO provider_places AS p (provider, location_id, next_fetch_at, expires_at, last_modified,
       last_attempt_at, last_success_at, failures, last_error)
   SELECT $1, * FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[], $5::text[],
       $6::timestamptz[], $7::timestamptz[], $8::int[], $9::text[])
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

// The batch form of claim: the places of a job batch that are due (or new), taken at once.
const claimMany = statement(
  'provider_places_claim_many',
  `WITH claimed AS (
     INSERT INTO provider_places AS p (provider, location_id, next_fetch_at)
     SELECT $1, id, $4 FROM unnest($2::int[]) AS id
     ON CONFLICT (provider, location_id) DO UPDATE SET next_fetch_at = excluded.next_fetch_at
       WHERE p.next_fetch_at <= $3
     RETURNING p.location_id, p.last_modified, p.expires_at, p.failures)
   SELECT ${PLACE_COLUMNS}, c.last_modified AS "lastModified", c.expires_at AS "expiresAt",
          c.failures
     FROM claimed c JOIN locations l ON l.id = c.location_id`,
);
const defer = statement(
  'provider_places_defer',
  'UPDATE provider_places SET next_fetch_at = $3 WHERE provider = $1 AND location_id = ANY($2::int[])',
);
const nextOf = statement(
  'provider_places_next',
  `SELECT location_id AS "locationId",
          CASE WHEN next_fetch_at < 'infinity' THEN next_fetch_at END AS "nextFetchAt"
     FROM provider_places WHERE provider = $1 AND location_id = ANY($2::int[])`,
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

/** Records each attempt's outcome and when to try its place next: a batch's in one statement. */
export async function saveSchedules(
  q: Queryable,
  provider: string,
  updates: readonly ScheduleUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  await q.run(save, [
    provider,
    updates.map((u) => u.locationId),
    updates.map((u) => u.nextFetchAt),
    updates.map((u) => u.expiresAt),
    updates.map((u) => u.lastModified),
    updates.map((u) => u.attemptAt),
    updates.map((u) => u.successAt),
    updates.map((u) => u.failures),
    updates.map((u) => u.error),
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

/** Puts these places on a provider's schedule, due at `at`, unless they are on it already. */
export async function schedulePlaces(
  q: Queryable,
  provider: string,
  locationIds: readonly number[],
  at: Date,
): Promise<void> {
  if (locationIds.length > 0) await q.run(schedule, [provider, [...locationIds], at]);
}

/** Puts aside the due places nobody wants any more; a view brings one back (schedulePlaces). */
export async function parkUnwanted(
  q: Queryable,
  provider: string,
  now: Date,
  wanted: Wanted,
): Promise<void> {
  await q.run(park, params(provider, now, wanted));
}

/** The places viewed after `since`. */
export async function placesViewedSince(q: Queryable, since: Date): Promise<number[]> {
  return q.column<number>(viewedSince, [since]);
}

/** Which of `locationIds` are wanted, with their weight (most wanted first). */
export async function wantedWeights(
  q: Queryable,
  locationIds: readonly number[],
  now: Date,
  wanted: Wanted,
): Promise<Map<number, number>> {
  const rows = await q.all<{ locationId: number; weight: number }>(weights, [
    [...locationIds],
    now,
    [...wanted.listed],
    wanted.listOnly,
    wanted.since,
  ]);
  rows.sort((a, b) => b.weight - a.weight);
  return new Map(rows.map((r) => [r.locationId, Number(r.weight)]));
}

/**
 * Takes those of `locationIds` that are due (or new to this provider) for fetches about to start:
 * their next fetch moves to `until`, so no other worker asks meanwhile. The others are not taken.
 */
export async function claimPlaces(
  q: Queryable,
  provider: string,
  locationIds: readonly number[],
  now: Date,
  until: Date,
): Promise<{ place: Place; schedule: ProviderSchedule }[]> {
  if (locationIds.length === 0) return [];
  const rows = await q.all<DueRow>(claimMany, [provider, [...locationIds], now, until]);
  return rows.map((r) => ({
    place: toPlace(r),
    schedule: { lastModified: r.lastModified, expiresAt: r.expiresAt, failures: r.failures },
  }));
}

/**
 * Moves these places' next fetch to `at`: a claim given back (no budget was left for them), or
 * `infinity`, put aside until a view or a failover asks again.
 */
export async function deferPlaces(
  q: Queryable,
  provider: string,
  locationIds: readonly number[],
  at: Date | 'infinity',
): Promise<void> {
  if (locationIds.length > 0) await q.run(defer, [provider, [...locationIds], at]);
}

/** When each of these places is next due from a provider: null when put aside, absent if new. */
export async function nextFetches(
  q: Queryable,
  provider: string,
  locationIds: readonly number[],
): Promise<Map<number, Date | null>> {
  const rows = await q.all<{ locationId: number; nextFetchAt: Date | null }>(nextOf, [
    provider,
    [...locationIds],
  ]);
  return new Map(rows.map((r) => [r.locationId, r.nextFetchAt]));
}
