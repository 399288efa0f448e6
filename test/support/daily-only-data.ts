import { readFileSync } from 'node:fs';
import type { Queryable } from '../../src/store/index.ts';
import {
  loadRealPlaces,
  runInProcess,
  SEATTLE_ARGS,
  SEATTLE_CSV,
  useTempFiles,
} from './import-files.ts';

/**
 * Daily-only data as NOAA publishes it (a minimum, a maximum and precipitation a day, no mean):
 * vega-datasets' NOAA records for Seattle and New York, 2012–2015, imported through the write
 * path by `isobar import` as the README shows. US places: their pages show °F.
 */
export const DAILY_ONLY = { first: '2012-01-01', last: '2015-12-31' } as const;

/** Call at the top of a describe block: makes the folder the New York file is written to. */
export function useDailyOnlyImport() {
  const files = useTempFiles();
  return async (db: Queryable) => {
    await loadRealPlaces(db, [{ countryCode: 'US', name: 'Seattle' }]);
    const seattle = await runInProcess(db, SEATTLE_ARGS);
    if (seattle.code !== 0) throw new Error(`importing Seattle failed: ${seattle.err}`);
    // weather.csv holds both cities; New York's rows, without the location column.
    const weather = SEATTLE_CSV.replace(/seattle-weather\.csv$/, 'weather.csv');
    const lines = readFileSync(weather, 'utf8').trim().split('\n');
    const cut = (l: string) => l.slice(l.indexOf(',') + 1);
    const newYork = [cut(lines[0]!), ...lines.filter((l) => l.startsWith('New York,')).map(cut)];
    const args = [files.write(`${newYork.join('\n')}\n`, 'csv'), ...SEATTLE_ARGS.slice(1)];
    args[args.indexOf('US/Seattle')] = 'US/New-York-City';
    const nyc = await runInProcess(db, args);
    if (nyc.code !== 0) throw new Error(`importing New York failed: ${nyc.err}`);
  };
}
