import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';
import { runInProcess, toCsv, useTempFiles } from '../support/import-files.ts';

const day = (date: string) => ({
  date,
  temperature_max_c: 12.5,
  temperature_min_c: 4,
  precipitation_mm: 1.2,
  condition: 'rain',
});
const ARGS = ['--place', 'GB/London', '--source', 'noaa-ghcn'];
const now = () => new Date(FIXTURE_NOW);

// A history import of a place the demo source covers, read back through HTTP as a client would.
describe.each(drivers)('an import of history on $name', (driver) => {
  // No micro-cache: each read comes from the store, before the import and after it.
  const origin = useTestOrigin(driver, { cacheMaxBytes: 0 });
  const files = useTempFiles();
  const test = it.skipIf(driver.skip);

  test('leaves the current conditions and the forecast, and says it replaced nothing', async () => {
    const before = await origin().getJson('/GB/London.json');
    const file = files.write(toCsv(['1990-01-01', '1990-01-02', '2020-12-31'].map(day)), 'csv');
    const result = await runInProcess(origin().t.db, [file, ...ARGS], { now });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ {2}demo {7}none replaced$/m);

    const doc = await origin().getJson('/GB/London.json');
    expect(doc.current).toMatchObject({ source: 'demo', observed_at: '2026-11-22T10:00:00.000Z' });
    expect(doc.forecast.source).toBe('demo');
    expect(doc.forecast.hours.length).toBeGreaterThan(48);
    expect(doc.forecast.hours).toEqual(before.forecast.hours);
    expect(doc.notice).toMatch(/^Demo data: generated/);
    const past = await origin().getJson('/GB/London/1990-01-01.json');
    expect(past.source).toBe('noaa-ghcn');
  });

  test("replaces the demo's summary of a day it brings, and says so", async () => {
    const today = '2026-11-22';
    const before = await origin().getJson('/GB/Manchester.json');
    const file = files.write(toCsv([day(today)]), 'csv');
    const args = [file, '--place', 'GB/Manchester', '--source', 'noaa-ghcn'];
    const result = await runInProcess(origin().t.db, args, { now });
    expect(result.out).toMatch(/^ {2}demo {7}replaced daily summaries for 1 place \(1 day\)$/m);
    const summary = await origin().getJson(`/GB/Manchester/${today}.json`);
    expect(summary).toMatchObject({ source: 'noaa-ghcn', other_sources: [] });
    const doc = await origin().getJson('/GB/Manchester.json');
    expect(doc.current.source).toBe('demo');
    expect(doc.forecast.hours).toEqual(before.forecast.hours);
  });

  test('of old observations keeps the newest as the current conditions', async () => {
    const hours = [9, 10, 11].map((h) => ({
      observed_at: `2015-06-01T${h}:00:00Z`,
      temperature_c: 15,
      condition: 'clear',
    }));
    const before = await origin().getJson('/FR/Paris.json');
    const file = files.write(toCsv(hours), 'csv');
    const args = [file, '--place', 'FR/Paris', '--source', 'archive'];
    const result = await runInProcess(origin().t.db, args, { now });
    expect(result.out).toMatch(/^ {2}demo {7}none replaced$/m);
    const doc = await origin().getJson('/FR/Paris.json');
    expect(doc.current).toMatchObject({ source: 'demo', observed_at: '2026-11-22T10:00:00.000Z' });
    expect(doc.forecast.hours).toEqual(before.forecast.hours);
    const past = await origin().getJson('/FR/Paris/2015-06-01.json');
    expect(past.source).toBe('archive');
  });
});
