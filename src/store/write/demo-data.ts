import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { instantArray, numberArray } from '../array-parameters.ts';
import { type Queryable, statement } from '../database.ts';
import type { SourceDate } from '../weather/daily.ts';
import { refreshMonthlyRollups } from './rollups.ts';
import { batchRowsParams, batchRowsSql, type ObservationBatch } from './staged-observations.ts';

// Demo observations on the local days real observations fall in go (a day page never mixes the
// two), and, where real observations are recent ($4), every demo observation from the earliest
// of them on: the demo's current conditions. Says which local days lost demo hours. Only the
// rows of places with demo observations ($5: the places, each once) are looked at: a large import
// into places without any pays one index probe a place, not a local date a row.
const DROP_OBSERVATIONS = (places: string, real: string, since: string) => `WITH demo AS (
     SELECT DISTINCT location_id FROM observations
      WHERE source = $1 AND location_id = ANY(${places})
   ), real AS (
     SELECT t.location_id, t.observed_at, (t.observed_at AT TIME ZONE l.timezone)::date AS day
       FROM (${real}) AS t
       JOIN demo ON demo.location_id = t.location_id
       JOIN locations l ON l.id = t.location_id
   ), days AS (SELECT DISTINCT location_id, day FROM real),
   since AS (SELECT location_id, min(observed_at) AS at FROM real WHERE observed_at >= ${since}
              GROUP BY location_id),
   gone AS (
     DELETE FROM observations o USING locations l
      WHERE o.source = $1 AND o.location_id = ANY(${places}) AND l.id = o.location_id
        AND (EXISTS (SELECT 1 FROM days d WHERE d.location_id = o.location_id
                       AND d.day = (o.observed_at AT TIME ZONE l.timezone)::date)
          OR EXISTS (SELECT 1 FROM since s WHERE s.location_id = o.location_id
                       AND o.observed_at >= s.at))
     RETURNING o.location_id, (o.observed_at AT TIME ZONE l.timezone)::date AS day)
   SELECT location_id AS "locationId", to_char(day, 'YYYY-MM-DD') AS date, count(*)::int AS rows
     FROM gone GROUP BY location_id, day`;

const dropObservations = statement(
  'demo_drop_observations',
  DROP_OBSERVATIONS(
    '$5::int[]',
    'SELECT * FROM unnest($2::int[], $3::timestamptz[]) AS u(location_id, observed_at)',
    '$4',
  ),
);

// The same for a large write's real observations, where they went (staged-observations.ts).
const REAL_OF = (how: 'staged' | 'copied') =>
  `SELECT location_id, observed_at FROM (${batchRowsSql(how, 4)}) b WHERE source <> $1`;
const dropObservationsOf = {
  staged: statement(
    'demo_drop_observations_staged',
    DROP_OBSERVATIONS('$3::int[]', REAL_OF('staged'), '$2'),
  ),
  copied: statement(
    'demo_drop_observations_copied',
    DROP_OBSERVATIONS('$3::int[]', REAL_OF('copied'), '$2'),
  ),
};

// A place's demo forecast goes whole once a real one covers its coming hours ($3 on).
const dropForecasts = statement(
  'demo_drop_forecasts',
  `WITH covered AS (
     SELECT DISTINCT t.location_id
       FROM unnest($2::int[], $3::timestamptz[]) AS t(location_id, valid_at)
      WHERE t.valid_at >= $4
   ), gone AS (
     DELETE FROM forecast_hours f USING covered c
      WHERE f.source = $1 AND f.location_id = c.location_id
     RETURNING f.location_id)
   SELECT location_id AS "locationId", count(*)::int AS rows FROM gone GROUP BY location_id`,
);

// The demo's summaries of the days named: a real summary of the day, or the day's demo hours gone.
const dropDaily = statement(
  'demo_drop_daily',
  `DELETE FROM daily_summaries d USING unnest($2::int[], $3::date[]) AS t(location_id, day)
    WHERE d.source = $1 AND d.location_id = t.location_id AND d.date = t.day
   RETURNING d.location_id AS "locationId", to_char(d.date, 'YYYY-MM-DD') AS date`,
);

/** Real rows of a write, by what each kind needs to know of them. */
export interface RealRows {
  observations: readonly { locationId: number; observedAt: Date }[];
  /** A large write's, where they went: the statements read them there (any demo's left out). */
  batch?: ObservationBatch;
  forecasts: readonly { locationId: number; validAt: Date }[];
  daily: readonly { locationId: number; date: string }[];
}

/** What of the demo's data one kind of real rows replaced: rows removed, and in which places. */
export interface DemoReplaced {
  rows: number;
  locationIds: number[];
}

export interface DemoReplacement {
  byKind: Record<Exclude<keyof RealRows, 'batch'>, DemoReplaced>;
  /** Local days whose demo summary went: their pages change. */
  days: { locationId: number; date: string }[];
}

/**
 * Real data replaces the demo source's only where it covers the same thing (see
 * domain/weather/demo-cover.ts): its hours' days and, when recent, the demo's current
 * conditions since; the coming hours' forecast; the days summarised. In the write's transaction,
 * with the demo's monthly rollups of the days touched.
 */
export async function replaceDemoData(
  q: Queryable,
  real: RealRows,
  cover: { recentSince: Date; comingFrom: Date },
): Promise<DemoReplacement> {
  const none = (): DemoReplaced => ({ rows: 0, locationIds: [] });
  const result: DemoReplacement = {
    byKind: { observations: none(), forecasts: none(), daily: none() },
    days: [],
  };
  const dayKeys = new Map<string, { locationId: number; date: string }>();
  if (real.observations.length > 0) {
    const places = [...new Set(real.observations.map((o) => o.locationId))];
    type Gone = { locationId: number; date: string; rows: number };
    const batch = real.batch?.how === 'bound' ? undefined : real.batch;
    const gone = await (batch
      ? q.all<Gone>(dropObservationsOf[batch.how as 'staged' | 'copied'], [
          DEMO_SOURCE,
          cover.recentSince,
          places,
          ...batchRowsParams(batch),
        ])
      : q.all<Gone>(dropObservations, [
          DEMO_SOURCE,
          numberArray(
            'int4',
            real.observations.map((o) => o.locationId),
          ),
          instantArray(real.observations.map((o) => o.observedAt)),
          cover.recentSince,
          places,
        ]));
    result.byKind.observations = tally(gone);
    for (const d of gone) dayKeys.set(`${d.locationId}|${d.date}`, d);
  }
  if (real.forecasts.length > 0) {
    const gone = await q.all<{ locationId: number; rows: number }>(dropForecasts, [
      DEMO_SOURCE,
      numberArray(
        'int4',
        real.forecasts.map((f) => f.locationId),
      ),
      instantArray(real.forecasts.map((f) => f.validAt)),
      cover.comingFrom,
    ]);
    result.byKind.forecasts = tally(gone);
  }
  for (const d of real.daily) dayKeys.set(`${d.locationId}|${d.date}`, d);
  if (dayKeys.size > 0) {
    const keys = [...dayKeys.values()];
    const gone = await q.all<{ locationId: number; date: string }>(dropDaily, [
      DEMO_SOURCE,
      keys.map((k) => k.locationId),
      keys.map((k) => k.date),
    ]);
    // Counted as the daily kind's only where a real summary replaced it, not the demo's hours.
    const sent = new Set(real.daily.map((d) => `${d.locationId}|${d.date}`));
    result.byKind.daily = tally(
      gone.filter((d) => sent.has(`${d.locationId}|${d.date}`)).map((d) => ({ ...d, rows: 1 })),
    );
    const rollups: SourceDate[] = gone.map((d) => ({ ...d, source: DEMO_SOURCE }));
    await refreshMonthlyRollups(q, rollups);
    result.days = gone;
  }
  return result;
}

function tally(gone: readonly { locationId: number; rows: number }[]): DemoReplaced {
  return {
    rows: gone.reduce((n, g) => n + g.rows, 0),
    locationIds: [...new Set(gone.map((g) => g.locationId))],
  };
}
