import type { Place } from '../../domain/place.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './place-columns.ts';

// The most populous places no source but the demo has written for: where generated history goes.
const historyCandidates = statement(
  'location_demo_candidates',
  `SELECT ${PLACE_COLUMNS} FROM locations l
    WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.location_id = l.id AND o.source <> $2)
      AND NOT EXISTS (SELECT 1 FROM forecast_hours f WHERE f.location_id = l.id AND f.source <> $2)
      AND NOT EXISTS (SELECT 1 FROM daily_summaries d WHERE d.location_id = l.id AND d.source <> $2)
    ORDER BY l.population DESC, l.id LIMIT $1`,
);

/** The most populous places without real data of any kind: where demo history is written. */
export async function demoPlaces(q: Queryable, limit: number): Promise<Place[]> {
  return (await q.all<PlaceRow>(historyCandidates, [limit, DEMO_SOURCE])).map(toPlace);
}

// The most populous places that lack, from real sources, recent observations ($3 on) or a
// forecast of the coming hours ($4 on), with which of the two the demo stands in for.
const NO_RECENT = `NOT EXISTS (SELECT 1 FROM observations o WHERE o.location_id = l.id
                          AND o.source <> $2 AND o.observed_at >= $3)`;
const NO_COMING = `NOT EXISTS (SELECT 1 FROM forecast_hours f WHERE f.location_id = l.id
                          AND f.source <> $2 AND f.valid_at >= $4)`;
const weatherCandidates = statement(
  'location_demo_weather_candidates',
  `SELECT ${PLACE_COLUMNS}, ${NO_RECENT} AS "needsCurrent", ${NO_COMING} AS "needsForecast"
     FROM locations l WHERE ${NO_RECENT} OR ${NO_COMING}
    ORDER BY l.population DESC, l.id LIMIT $1`,
);
// The same, among the places given ($1): a place viewed with no weather (weather on demand).
const weatherAmong = statement(
  'location_demo_weather_among',
  `SELECT ${PLACE_COLUMNS}, ${NO_RECENT} AS "needsCurrent", ${NO_COMING} AS "needsForecast"
     FROM locations l WHERE l.id = ANY($1::int[]) AND (${NO_RECENT} OR ${NO_COMING})
    ORDER BY l.id`,
);

/** A place the demo source writes for, and what of its weather it stands in for. */
export interface DemoPlace {
  place: Place;
  current: boolean;
  forecast: boolean;
}

/**
 * The most populous places (a count), or those of the places given (ids), where no real source
 * covers the current conditions or the coming forecast (domain/weather/demo-cover.ts): where the
 * demo's current hour is written.
 */
export async function demoWeatherPlaces(
  q: Queryable,
  which: number | readonly number[],
  cover: { recentSince: Date; comingFrom: Date },
): Promise<DemoPlace[]> {
  type Row = PlaceRow & { needsCurrent: boolean; needsForecast: boolean };
  if (typeof which !== 'number' && which.length === 0) return [];
  const rows = await q.all<Row>(typeof which === 'number' ? weatherCandidates : weatherAmong, [
    typeof which === 'number' ? which : [...which],
    DEMO_SOURCE,
    cover.recentSince,
    cover.comingFrom,
  ]);
  return rows.map((r) => ({
    place: toPlace(r),
    current: r.needsCurrent,
    forecast: r.needsForecast,
  }));
}
