import { describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../src/ingest/demo/demo-history.ts';
import { statement } from '../../src/store/index.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';
import { rollupMismatchCount } from '../support/stats-data.ts';

const counts = statement(
  'test_history_counts',
  `SELECT (SELECT count(*)::int FROM observations WHERE source = 'demo') AS observations,
          (SELECT count(*)::int FROM daily_summaries WHERE source = 'demo') AS days,
          (SELECT count(*)::int FROM monthly_rollups WHERE source = 'demo') AS months`,
);

describe.each(drivers)('seed --history on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)('writes hourly demo history with its days and months, once', async () => {
    const { db } = origin().t;
    const options = { places: 2, days: 40, now: new Date(FIXTURE_NOW), batch: 1 };
    const first = await seedDemoHistory(db, options);
    // 40 days of hours and the current one, for each of the two most populous places.
    expect(first).toMatchObject({ places: 2, rows: 2 * (40 * 24 + 1) });
    const after = await db.one(counts);
    expect(await rollupMismatchCount(db)).toBe(0);
    // Re-running replaces the same rows: nothing doubles.
    await seedDemoHistory(db, options);
    expect(await db.one(counts)).toEqual(after);

    const doc = await origin().getJson('/v1/locations/GB/London/stats/climatology');
    expect(doc.source).toBe('demo');
    expect(doc.notice).toMatch(/Demo data/);
    // 2026-10-13 10:00Z to 2026-11-22 10:00Z: 41 local dates in London.
    expect(doc.months[9].days + doc.months[10].days).toBe(41);
    const series = await origin().getJson(
      '/v1/locations/GB/London/stats/daily?from=2026-10-14&to=2026-11-22',
    );
    expect(series.days.every((d: { source: string }) => d.source === 'demo')).toBe(true);
  });
});
