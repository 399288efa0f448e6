import type { Place } from '../../domain/place.ts';
import { checkSearchPrefix } from '../../domain/search-terms.ts';
import { type Queryable, type Statement, statement } from '../database.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './place-columns.ts';

/**
 * How long one search may run on a Postgres server before it is cancelled (SQLSTATE 57014, a 503
 * to the client). PGlite cannot be interrupted (it runs in this thread and ignores
 * statement_timeout), so there the bound is the shape of the query below and SEARCH_LIMITS.
 */
export const SEARCH_TIMEOUT_MS = 1_000;

const timeLimit = statement(
  'location_search_time_limit',
  `SELECT set_config('statement_timeout', $1, true)`,
);

// `~>=~` / `~<~` are the text_pattern_ops operators, so the prefix range uses the index even in
// a generic plan of the prepared statement (LIKE $1 || '%' would not). search keys hold only
// [a-z0-9 ], and '~' sorts after all of them.
// A place matches by its own name, by one of its other names (place_names), or by a name and its
// region's name together, in either order ($4/$5: the ways the words split into the two). Most
// populous first, except that a place found only by the start of another name (not all of it)
// counts a tenth of its population: "munch" still offers Munich (München) first, but "a" offers
// places called A… before Mumbai ("Amchi Mumbai"). Other names count from the third letter typed:
// before that they would only add thousands of rows to sort for answers no one wants.
// Cost: each place/region reading is looked up on its own (a LATERAL fenced by its LIMIT, the
// places of its place part fenced by OFFSET 0), so no planner can turn it into a join of every
// place with every region filtered once per reading (1.4 s on Postgres, 10 s on PGlite for 41
// one-letter words), nor drive it from the regions through every place of their countries
// (2 s for `s s`). A reading whose region part names no region costs one index probe; any other
// costs one index range of places, each checked against its region. place-search.test.ts holds
// every search to twice the work of the one-letter search; bench/search-cost.ts times them.
// `matched` is the other name a place was found by (the best-scoring, then the shortest), so a
// page can say why "Brent" answers "lon"; null when its own name (or name and region) matched.
const search = statement(
  'location_search',
  `WITH hits (id, score, matched) AS (
       SELECT m.id, m.population::float8, NULL::text FROM locations m
        WHERE m.search_key ~>=~ $1 AND m.search_key ~<~ ($1 || '~')
          AND ($3::text IS NULL OR m.country_code = $3)
       UNION ALL
       SELECT m.id, m.population * CASE WHEN n.search_key = $1 THEN 1.0 ELSE 0.1 END::float8,
              n.name
         FROM place_names n JOIN locations m ON m.id = n.location_id
        WHERE length($1) >= 3 AND n.search_key ~>=~ $1 AND n.search_key ~<~ ($1 || '~')
          AND ($3::text IS NULL OR m.country_code = $3)
       UNION ALL
       SELECT p.id, p.score, NULL::text FROM unnest($4::text[], $5::text[]) AS s(place, region)
        CROSS JOIN LATERAL (
          SELECT 1 FROM regions r
           WHERE r.search_key ~>=~ s.region AND r.search_key ~<~ (s.region || '~') LIMIT 1) known
        CROSS JOIN LATERAL (
          SELECT c.id, c.population::float8 AS score FROM (
            SELECT m.id, m.population, m.country_code, m.region_code FROM locations m
             WHERE m.search_key ~>=~ s.place AND m.search_key ~<~ (s.place || '~')
               AND ($3::text IS NULL OR m.country_code = $3) OFFSET 0) c
           WHERE EXISTS (SELECT 1 FROM regions r
                          WHERE r.country_code = c.country_code AND r.code = c.region_code
                            AND r.search_key ~>=~ s.region AND r.search_key ~<~ (s.region || '~'))
           ORDER BY c.population DESC LIMIT $2) p),
     best AS (SELECT id, max(score) AS score,
                     CASE WHEN bool_or(matched IS NULL) THEN NULL
                          ELSE (array_agg(matched ORDER BY score DESC, length(matched), matched))[1]
                     END AS matched
                FROM hits GROUP BY id
               ORDER BY max(score) DESC, id LIMIT $2)
   SELECT ${PLACE_COLUMNS}, b.matched AS "matchedName" FROM best b JOIN locations l ON l.id = b.id
    ORDER BY b.score DESC, l.id`,
);

/**
 * The ways a search of several words reads as a place name and a region name: "munich bavaria"
 * and "bavaria munich" both give place "munich", region "bavaria". Each part is a prefix.
 */
function placeAndRegion(prefix: string): { places: string[]; regions: string[] } {
  const words = prefix.split(' ');
  const readings = new Map<string, [string, string]>();
  for (let i = 1; i < words.length; i++) {
    const head = words.slice(0, i).join(' ');
    const tail = words.slice(i).join(' ');
    // "s s" reads the same both ways round: one lookup, not two.
    readings.set(`${head}|${tail}`, [head, tail]);
    readings.set(`${tail}|${head}`, [tail, head]);
  }
  const pairs = [...readings.values()];
  return { places: pairs.map(([place]) => place), regions: pairs.map(([, region]) => region) };
}

/** The search statement and its parameters; exported so a test can measure the plan's work. */
export function searchStatement(
  prefix: string,
  limit: number,
  countryCode: string | null,
): [Statement, unknown[]] {
  checkSearchPrefix(prefix);
  const { places, regions } = placeAndRegion(prefix);
  return [search, [prefix, limit, countryCode, places, regions]];
}

/** A place a search found, and the other name it was found by (null: by its own name). */
export type FoundPlace = Place & { matchedName: string | null };

/**
 * Places whose folded name, or one of their other names, starts with `prefix`, or whose name and
 * region name together do (in either order); most populous first (see `search` for the one
 * exception). A prefix past SEARCH_LIMITS is refused (Invalid) whoever calls.
 */
export async function searchPlaces(
  q: Queryable,
  prefix: string,
  limit: number,
  countryCode: string | null = null,
): Promise<FoundPlace[]> {
  const [stmt, params] = searchStatement(prefix, limit, countryCode);
  const rows = await q.transaction(async (tx) => {
    await tx.one(timeLimit, [`${SEARCH_TIMEOUT_MS}ms`]);
    return tx.all<PlaceRow & { matchedName: string | null }>(stmt, params);
  });
  return rows.map((row) => ({ ...toPlace(row), matchedName: row.matchedName ?? null }));
}
