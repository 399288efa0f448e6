import { DAY_S } from '../../contract/durations.ts';
import { type Queryable, statement } from '../database.ts';

/** Views of a place as the origin counted them: by country and slug key, any spelling folded. */
export interface ViewCount {
  countryCode: string;
  key: string;
  views: number;
}

// The stored count halves every day: what is kept is its value as of last_viewed_at, brought
// forward to the new view before adding to it. Names the catalog does not know drop out in the
// join, so a 404 is never counted.
const addViews = statement(
  'place_views_add',
  `INSERT INTO place_views AS v (location_id, views, last_viewed_at)
   SELECT l.id, sum(u.n), $4::timestamptz
     FROM unnest($1::text[], $2::text[], $3::float8[]) AS u(cc, key, n)
     JOIN locations l ON l.country_code = u.cc AND l.slug_key = u.key
    GROUP BY l.id
   ON CONFLICT (location_id) DO UPDATE SET
     views = v.views * power(0.5, greatest(0, extract(epoch FROM
               (excluded.last_viewed_at - v.last_viewed_at))) / ${DAY_S}) + excluded.views,
     last_viewed_at = greatest(v.last_viewed_at, excluded.last_viewed_at)
   RETURNING location_id`,
);

/** Adds views counted up to `at`; places not in the catalog are ignored. Answers the places' ids. */
export async function addPlaceViews(
  q: Queryable,
  counts: readonly ViewCount[],
  at: Date,
): Promise<number[]> {
  if (counts.length === 0) return [];
  return q.column<number>(addViews, [
    counts.map((c) => c.countryCode),
    counts.map((c) => c.key),
    counts.map((c) => c.views),
    at,
  ]);
}
