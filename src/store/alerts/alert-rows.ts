import { type AlertRef, areasBox, areasCover, type CapAlert } from '../../domain/alerts.ts';
import { type Queryable, statement } from '../database.ts';

const refKey = (r: AlertRef) => `${r.sender} ${r.identifier}`;

// A message seen before (the same sender and identifier) is left as it is: a feed polled again
// lists the same messages, and they change nothing. A message an Update or Cancel already
// replaced arrives replaced.
const insert = statement(
  'alerts_insert',
  `INSERT INTO alerts (sender, identifier, sent, msg_type, status, refs, event, severity, urgency,
                       certainty, onset, expires, headline, description, instruction, web,
                       language, sender_name, source, areas, replaced_at)
   SELECT $1::text, $2::text, $3::timestamptz, $4::text, $5::text, $6::text[], $7::text,
          $8::text, $9::text, $10::text, $11::timestamptz, $12::timestamptz, $13::text, $14::text,
          $15::text, $16::text, $17::text, $18::text, $19::text, $20::json,
          CASE WHEN EXISTS (SELECT 1 FROM alerts r WHERE $1::text || ' ' || $2::text = ANY(r.refs))
               THEN $21::timestamptz END
   ON CONFLICT (sender, identifier) DO NOTHING
   RETURNING id, replaced_at IS NOT NULL AS replaced`,
);

// The messages an Update or a Cancel names go, with the places they were shown at.
const replace = statement(
  'alerts_replace',
  `WITH gone AS (
     UPDATE alerts SET replaced_at = $2
      WHERE sender || ' ' || identifier = ANY($1::text[]) AND replaced_at IS NULL RETURNING id)
   DELETE FROM alert_places ap USING gone WHERE ap.alert_id = gone.id RETURNING ap.location_id`,
);

// The first cut of the places an alert covers: the box around its shapes, on the catalog's
// (latitude, longitude) index; the exact test (point in polygon, in circle) follows in code.
const inBox = statement(
  'alerts_places_in_box',
  `SELECT id, latitude, longitude FROM locations
    WHERE latitude BETWEEN $1 AND $2 AND longitude BETWEEN $3 AND $4`,
);

const link = statement(
  'alerts_link_places',
  `INSERT INTO alert_places (alert_id, location_id)
   SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
);

/** What storing alerts did: the places whose warnings changed, and how many messages were new. */
export interface StoredAlerts {
  locationIds: number[];
  inserted: number;
}

/**
 * Stores CAP messages in the caller's transaction and matches them to catalog places: an Alert
 * or Update is shown at the places its polygons and circles cover (geocodes are kept, not
 * matched), an Update or Cancel ends the messages it references, a message other than `Actual`
 * is kept but never shown, nor is one expired by `now`. Only the write path calls it
 * (src/ingest/write-path/apply-write.ts), which rebuilds those places and logs the change.
 */
export async function storeAlerts(
  tx: Queryable,
  messages: readonly CapAlert[],
  now: Date,
): Promise<StoredAlerts> {
  const changed = new Set<number>();
  let inserted = 0;
  // In the order sent, so an Update in the same batch follows what it replaces.
  const ordered = [...messages].sort((a, b) => a.sent.getTime() - b.sent.getTime());
  for (const m of ordered) {
    const row = await tx.one<{ id: number | string; replaced: boolean }>(insert, [
      m.sender,
      m.identifier,
      m.sent,
      m.msgType,
      m.status,
      m.references.map(refKey),
      m.event,
      m.severity,
      m.urgency,
      m.certainty,
      m.onset,
      m.expires,
      m.headline,
      m.description,
      m.instruction,
      m.web,
      m.language,
      m.senderName,
      m.source,
      JSON.stringify(m.areas),
      now,
    ]);
    if (!row) continue;
    inserted++;
    if (m.references.length > 0) {
      const gone = await tx.all<{ location_id: number }>(replace, [m.references.map(refKey), now]);
      for (const g of gone) changed.add(g.location_id);
    }
    const shown =
      !row.replaced &&
      m.msgType !== 'Cancel' &&
      m.status === 'Actual' &&
      (m.expires === null || m.expires.getTime() > now.getTime());
    if (!shown) continue;
    const places = await coveredPlaces(tx, m);
    if (places.length === 0) continue;
    await tx.run(link, [Number(row.id), places]);
    for (const id of places) changed.add(id);
  }
  return { locationIds: [...changed], inserted };
}

/** The catalog places an alert's areas cover. */
async function coveredPlaces(tx: Queryable, m: CapAlert): Promise<number[]> {
  const box = areasBox(m.areas);
  if (!box) return [];
  const rows = await tx.all<{ id: number; latitude: number; longitude: number }>(inBox, [
    box.south,
    box.north,
    box.west,
    box.east,
  ]);
  return rows.filter((r) => areasCover(m.areas, r.latitude, r.longitude)).map((r) => r.id);
}

const prune = statement(
  'alerts_prune',
  'WITH gone AS (DELETE FROM alerts WHERE coalesce(expires, sent) < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
);

/**
 * Forgets messages expired before `before` (a week ago, say), and those that never expire (a
 * Cancel) sent before it: never shown again, and too old for a feed to list. Returns how many
 * went.
 */
export async function pruneAlerts(q: Queryable, before: Date): Promise<number> {
  return (await q.one<{ n: number }>(prune, [before]))!.n;
}
