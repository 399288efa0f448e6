import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/contract/durations.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createMetrics } from '../../src/http/metrics.ts';
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
    createApp({ db: origin().t.db, metrics: createMetrics(), now: () => now, log: { error() {} } });

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
