import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../src/contract/durations.ts';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { writeRows } from '../../src/ingest/write-path/write-rows.ts';
import { statement } from '../../src/store/index.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, json, useTestOrigin } from '../support/fixture.ts';

// A place's Last-Modified follows its data's own time (a forecast's run, an observation's time)
// and never goes back: a client that revalidates with If-Modified-Since alone must never get 304
// for documents that changed, even when older data (another source's fill-in) changed them.

const LONDON = '2643743';
const londonId = statement('test_london_id', 'SELECT id FROM locations WHERE geonames_id = $1');
const at = (minutes: number) => new Date(FIXTURE_NOW + minutes * MINUTE_MS);
/** A source's forecast for London's next hours, issued (its run) at `issued`. */
const forecast = (source: string, issued: Date, fromHour: number, temperature: number) =>
  Array.from({ length: 6 }, (_, i) => ({
    place: LONDON,
    source,
    issued_at: issued.toISOString(),
    valid_at: new Date(
      Math.floor(FIXTURE_NOW / HOUR_MS) * HOUR_MS + (fromHour + i) * HOUR_MS,
    ).toISOString(),
    next_update_at: at(60).toISOString(),
    condition: 'cloudy',
    temperature_c: temperature + i,
  }));

describe.each(drivers)('Last-Modified of a place on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const modified = async (path: string) =>
    Date.parse((await origin().get(path)).headers.get('last-modified')!);
  // The origin's own cache is dropped by the change service, which this test does not run.
  const write = async (rows: unknown[], now: Date) => {
    const outcome = await writeRows(origin().t.db, 'forecasts', rows, {
      now,
      onBadRows: 'all-or-nothing',
    });
    origin().app.cache.clear();
    return outcome;
  };

  it.skipIf(driver.skip)(
    'follows the run, stays for a refresh with nothing new, and never goes back',
    async () => {
      // The demo data's own time first: the newest of its observation and its forecast's issue.
      const first = await origin().get('/GB/London.json');
      const asOf = (await json(first)).updates.as_of;
      expect(Date.parse(first.headers.get('last-modified')!)).toBe(
        Math.floor(Date.parse(asOf) / 1000) * 1000,
      );

      // A provider's run of 10:07, written at 10:12: Last-Modified is the run's time.
      const run = at(-8);
      expect((await write(forecast('met-norway', run, 1, 5), at(-3))).errors).toEqual([]);
      const doc = await origin().getJson('/GB/London.json');
      expect(doc.sources).toContainEqual({
        source: 'met-norway',
        provides: ['forecast'],
        issued_at: run.toISOString(),
        received_at: at(-3).toISOString(),
        next_update_at: at(60).toISOString(),
      });
      for (const path of ['/GB/London.json', '/GB/London', '/GB/London.txt']) {
        expect(await modified(path), path).toBe(run.getTime());
      }

      // The provider says "not modified" and promises its next update later: only bookkeeping
      // times change, and Last-Modified stays.
      const place = await origin().t.db.one<{ id: number }>(londonId, [Number(LONDON)]);
      await applyWrite(
        origin().t.db,
        {
          nextUpdate: {
            locationId: place!.id,
            source: 'met-norway',
            until: at(120),
            fromHour: new Date(Math.floor(FIXTURE_NOW / HOUR_MS) * HOUR_MS),
          },
        },
        { now: at(-2), reason: 'provider' },
      );
      origin().app.cache.clear();
      const extended = await origin().getJson('/GB/London.json');
      expect(extended.sources.find((s: { source: string }) => s.source === 'met-norway')).toEqual(
        expect.objectContaining({ next_update_at: at(120).toISOString() }),
      );
      expect(await modified('/GB/London.json')).toBe(run.getTime());

      // Another source fills in later hours from an older run: the documents changed, though
      // their newest data time did not move, so Last-Modified moves to the write's time.
      const since = new Date(run).toUTCString();
      expect((await write(forecast('open-meteo', at(-40), 8, 9), at(-1))).errors).toEqual([]);
      for (const path of ['/GB/London.json', '/GB/London', '/GB/London.txt']) {
        expect(await modified(path), path).toBe(Math.floor(at(-1).getTime() / 1000) * 1000);
        expect((await origin().get(path, { 'if-modified-since': since })).status, path).toBe(200);
      }
    },
  );
});
