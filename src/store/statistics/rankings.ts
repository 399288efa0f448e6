import type { PeriodParts } from '../../contract/uris/statistics-uri.ts';
import type { Place } from '../../domain/place.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from '../catalog/place-columns.ts';
import { type Queryable, statement } from '../database.ts';

export type RankingOrder = 'highest-mean' | 'lowest-mean' | 'highest-total';

export interface RankingAsk {
  countryCode: string;
  /** Upper case; undefined for the whole country. */
  region: string | undefined;
  parts: PeriodParts;
  order: RankingOrder;
  limit: number;
  offset: number;
}

export interface RankedPlace {
  rank: number;
  place: Place;
  source: string;
  /** SI: °C for a mean, mm for a total. */
  value: number;
  days: number;
  completeDays: number;
}

export interface Ranking {
  /** 1 when the catalog has any place of the country (or region), 0 when it is unknown. */
  catalogPlaces: number;
  /** Places with data in the period. */
  total: number;
  places: RankedPlace[];
  /** Across every place ranked, not only this page. */
  anyDemo: boolean;
  /** Fewest days any ranked place has, and fewest complete ones: whether the period is settled. */
  minDays: number | null;
  minCompleteDays: number | null;
  receivedAt: Date | null;
  /** The soonest next expected update among the places ranked. */
  nextUpdateAt: Date | null;
}

/**
 * The totals of each ranked place's daily rows in [from, to), as one rollup row: an aggregate
 * per place (a lateral subquery is never flattened), so each is one index range.
 */
const daysBetween = (from: string, to: string) => `
     SELECT s.location_id, d.* FROM src s CROSS JOIN LATERAL (
       SELECT count(*)::int AS days, (count(*) FILTER (WHERE d.complete))::int AS complete,
              count(d.temperature_mean_c)::int, coalesce(sum(d.temperature_mean_c::float8), 0),
              count(d.precipitation_mm)::int, coalesce(sum(d.precipitation_mm::float8), 0),
              max(d.received_at)
         FROM daily_summaries d
        WHERE d.location_id = s.location_id AND d.source = s.source
          AND d.date >= ${from}::date AND d.date < ${to}::date) d`;

// Only places with rollups are read (never every catalog place of a big country). Each place
// counts with its primary source (a measured one before demo, then most days held,
// then by name), so one place is one value. The middle of the period comes from the rollups, the
// ends from the daily rows: a few dozen rows per place however long the period.
const ranking = statement(
  'stats_ranking',
  `WITH src AS (
     SELECT DISTINCT ON (r.location_id) r.location_id, r.source
       FROM (SELECT r.location_id, r.source, sum(r.days) AS days
               FROM locations l JOIN monthly_rollups r ON r.location_id = l.id
              WHERE l.country_code = $1 AND ($2::text IS NULL OR upper(l.region_code) = $2)
              GROUP BY 1, 2) r
      ORDER BY r.location_id, (r.source = $3), r.days DESC, r.source
   ), parts AS (
     SELECT r.location_id, r.days::int AS days, r.complete_days::int AS complete,
            r.mean_count::int AS mc, r.mean_sum AS ms, r.precipitation_count::int AS pc,
            r.precipitation_sum AS ps, r.received_at AS received
       FROM monthly_rollups r JOIN src s ON s.location_id = r.location_id AND s.source = r.source
      WHERE r.month >= $6::date AND r.month < $7::date
     UNION ALL ${daysBetween('$4', '$5')}
     UNION ALL ${daysBetween('$8', '$9')}
   ), totals AS (
     SELECT location_id, sum(days)::int AS days, sum(complete)::int AS complete,
            CASE $10::text
              WHEN 'highest-total' THEN CASE WHEN sum(pc) > 0 THEN sum(ps) END
              ELSE CASE WHEN sum(mc) > 0 THEN sum(ms) / sum(mc) END END AS value,
            max(received) AS received
       FROM parts GROUP BY location_id
   ), ranked AS (
     SELECT t.*, s.source, row_number() OVER (ORDER BY
              CASE WHEN $10::text = 'lowest-mean' THEN t.value ELSE -t.value END,
              p.population DESC, p.slug) AS rank
       FROM totals t JOIN src s USING (location_id) JOIN locations p ON p.id = t.location_id
      WHERE t.value IS NOT NULL
   )
   SELECT (SELECT count(*)::int FROM (SELECT 1 FROM locations WHERE country_code = $1
             AND ($2::text IS NULL OR upper(region_code) = $2) LIMIT 1) x) AS "catalogPlaces",
          (SELECT count(*)::int FROM ranked) AS total,
          (SELECT bool_or(source = $3) FROM ranked) AS "anyDemo",
          (SELECT min(days) FROM ranked) AS "minDays",
          (SELECT min(complete) FROM ranked) AS "minCompleteDays",
          (SELECT extract(epoch FROM max(received)) FROM ranked) AS received,
          (SELECT extract(epoch FROM min((SELECT o.next_update_at FROM observations o
              WHERE o.location_id = r.location_id ORDER BY o.observed_at DESC NULLS LAST LIMIT 1)))
             FROM ranked r) AS "nextUpdateAt",
          (SELECT json_agg(json_build_object('rank', r.rank, 'source', r.source,
              'value', r.value, 'days', r.days, 'completeDays', r.complete,
              'place', (SELECT row_to_json(x) FROM (SELECT ${PLACE_COLUMNS} FROM locations l
                         WHERE l.id = r.location_id) x)) ORDER BY r.rank)
             FROM (SELECT * FROM ranked ORDER BY rank LIMIT $11 OFFSET $12) r) AS page`,
);

type RankingRow = Omit<Ranking, 'places' | 'receivedAt' | 'nextUpdateAt'> & {
  received: string | number | null;
  nextUpdateAt: string | number | null;
  page: object[] | string | null;
};

const instant = (seconds: string | number | null) =>
  seconds === null ? null : new Date(Number(seconds) * 1000);

/** Places of a country (or region) ranked by a statistic of a period; one page of them. */
export async function rankPlaces(q: Queryable, ask: RankingAsk): Promise<Ranking> {
  const { head, whole, tail } = ask.parts;
  const row = (await q.one<RankingRow>(ranking, [
    ask.countryCode,
    ask.region ?? null,
    DEMO_SOURCE,
    ...head,
    ...whole,
    ...tail,
    ask.order,
    ask.limit,
    ask.offset,
  ]))!;
  type PageRow = Omit<RankedPlace, 'place'> & { place: PlaceRow };
  const page: PageRow[] = typeof row.page === 'string' ? JSON.parse(row.page) : (row.page ?? []);
  return {
    catalogPlaces: row.catalogPlaces,
    total: row.total,
    anyDemo: row.anyDemo ?? false,
    minDays: row.minDays,
    minCompleteDays: row.minCompleteDays,
    receivedAt: instant(row.received),
    nextUpdateAt: instant(row.nextUpdateAt),
    places: page.map((p) => ({
      ...p,
      rank: Number(p.rank),
      place: toPlace(p.place),
    })),
  };
}
