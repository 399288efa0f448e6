import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/contract/durations.ts';
import { CONTENT_TYPES } from '../../src/contract/uris/place-uri.ts';
import { entityTag } from '../../src/documents/entity-tag.ts';
import { PLACE_DOCUMENT_VERSION } from '../../src/documents/place-document.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { statement } from '../../src/store/index.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, json, useTestOrigin } from '../support/fixture.ts';

const storedDocument = statement(
  'test_stored_document',
  `SELECT r.json_metric AS metric, r.json_imperial AS imperial, r.documents_until AS until
     FROM place_reads r JOIN locations l ON l.id = r.location_id
    WHERE l.country_code = $1 AND l.slug_key = $2`,
);
const markDocument = statement(
  'test_mark_document',
  `UPDATE place_reads SET json_metric = $3
     WHERE location_id = (SELECT id FROM locations WHERE country_code = $1 AND slug_key = $2)`,
);
const SENTINEL = '{"stored":"as it is"}';
const setVersion = statement(
  'test_document_version',
  `UPDATE place_reads SET document_version = $3
     WHERE location_id = (SELECT id FROM locations WHERE country_code = $1 AND slug_key = $2)`,
);
const dropTags = statement(
  'test_drop_tags',
  `UPDATE place_reads SET etag_metric = NULL, etag_imperial = NULL
     WHERE location_id = (SELECT id FROM locations WHERE country_code = $1 AND slug_key = $2)`,
);
const restoreTags = statement(
  'test_restore_tags',
  `UPDATE place_reads SET etag_metric = $3, etag_imperial = $4
     WHERE location_id = (SELECT id FROM locations WHERE country_code = $1 AND slug_key = $2)`,
);
const touchPlace = statement(
  'test_touch_place',
  "UPDATE locations SET updated_at = now() + interval '1 second' WHERE country_code = $1 AND slug_key = $2",
);

describe.each(drivers)('documents rendered by the write ($name)', (driver) => {
  const origin = useTestOrigin(driver);
  const stored = async () =>
    (await origin().t.db.one<{ metric: string; imperial: string; until: Date }>(storedDocument, [
      'GB',
      'london',
    ]))!;
  /** Another origin on the same database whose clock reads `now`. */
  const at = (now: number) =>
    createIsobarApp({
      db: origin().t.db,
      metrics: createMetrics(),
      now: () => now,
      log: { error() {} },
    });

  it.skipIf(driver.skip)('serves the stored JSON, in each unit system, as it is', async () => {
    const { metric, imperial, until } = await stored();
    // The fixture writes at 10:15 for data due at 11:00: valid to the end of the write's hour.
    expect(until.getTime()).toBe(Date.parse('2026-11-22T11:00:00Z'));
    expect(await (await at(FIXTURE_NOW).request('/GB/London.json')).text()).toBe(metric);
    const inImperial = await at(FIXTURE_NOW).request('/GB/London.json?units=imperial');
    expect(await inImperial.text()).toBe(imperial);
    // Sent as stored, not rendered again: a marked copy comes back as it is.
    await origin().t.db.run(markDocument, ['GB', 'london', SENTINEL]);
    try {
      expect(await (await at(FIXTURE_NOW).request('/GB/London.json')).text()).toBe(SENTINEL);
    } finally {
      await origin().t.db.run(markDocument, ['GB', 'london', metric]);
    }
  });

  it.skipIf(driver.skip)(
    'never serves a document another renderer version stored: it is made again',
    async () => {
      const { metric, imperial } = await stored();
      await origin().t.db.run(markDocument, ['GB', 'london', SENTINEL]);
      try {
        // The quick path's lookup (the JSON polled as it is) and the route's, in each unit.
        const stale = PLACE_DOCUMENT_VERSION - 1;
        expect(await (await at(FIXTURE_NOW).request('/GB/London.json')).text()).toBe(SENTINEL);
        await origin().t.db.run(setVersion, ['GB', 'london', stale]);
        expect(await (await at(FIXTURE_NOW).request('/GB/London.json')).text()).toBe(metric);
        const inImperial = await at(FIXTURE_NOW).request('/GB/London.json?units=imperial');
        expect(await inImperial.text()).toBe(imperial);
        await origin().t.db.run(setVersion, ['GB', 'london', null]);
        expect(await (await at(FIXTURE_NOW).request('/GB/London.json')).text()).toBe(metric);
      } finally {
        await origin().t.db.run(markDocument, ['GB', 'london', metric]);
        await origin().t.db.run(setVersion, ['GB', 'london', PLACE_DOCUMENT_VERSION]);
      }
    },
  );

  it.skipIf(driver.skip)(
    'keeps the entity tag made with each document, and tags one stored without it',
    async () => {
      const { metric, imperial } = await stored();
      const tagOf = (body: string) => entityTag(Buffer.from(body), CONTENT_TYPES.json);
      const headers = { 'accept-encoding': 'identity' };
      const app = at(FIXTURE_NOW);
      const etag = async (path: string) =>
        (await app.request(path, { headers })).headers.get('etag');
      expect(await etag('/GB/London.json')).toBe(tagOf(metric));
      expect(await etag('/GB/London.json?units=imperial')).toBe(tagOf(imperial));
      await origin().t.db.run(dropTags, ['GB', 'london']);
      try {
        // A new origin: no copy of the answer cached from before the tags were dropped.
        const fresh = await at(FIXTURE_NOW).request('/GB/London.json', { headers });
        expect(fresh.headers.get('etag')).toBe(tagOf(metric));
      } finally {
        await origin().t.db.run(restoreTags, ['GB', 'london', tagOf(metric), tagOf(imperial)]);
      }
    },
  );

  it.skipIf(driver.skip)('renders from the rows once the hour has moved on', async () => {
    const { metric } = await stored();
    await origin().t.db.run(markDocument, ['GB', 'london', SENTINEL]);
    try {
      const later = at(FIXTURE_NOW + 50 * MINUTE_MS); // 11:05
      const body = await (await later.request('/GB/London.json')).text();
      // Rendered from the rows, not the marked copy: the same facts as the write rendered.
      expect(body).toBe(metric);
      expect(JSON.parse(body).updates.behind).toBe(false);
    } finally {
      await origin().t.db.run(markDocument, ['GB', 'london', metric]);
    }
  });

  it.skipIf(driver.skip)(
    'never serves a stored document that says "not behind" too late',
    async () => {
      const late = at(Date.parse('2026-11-22T11:20:00Z'));
      const doc = await json(await late.request('/GB/London.json'));
      expect(doc.updates).toMatchObject({
        behind: true,
        next_update_at: '2026-11-22T11:00:00.000Z',
      });
    },
  );

  it.skipIf(driver.skip)(
    'renders again when the place itself changed after the write',
    async () => {
      const { metric } = await stored();
      await origin().t.db.run(markDocument, ['GB', 'london', SENTINEL]);
      await origin().t.db.run(touchPlace, ['GB', 'london']);
      const body = await (await at(FIXTURE_NOW).request('/GB/London.json')).text();
      expect(body).not.toBe(SENTINEL);
      expect(JSON.parse(body).location).toEqual(JSON.parse(metric).location);
    },
  );
});
