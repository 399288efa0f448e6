import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH } from '../../ingest/import/import-options.ts';
import { parseImportArgs } from './import-arguments.ts';

describe('parseImportArgs', () => {
  it('reads a full command line', () => {
    expect(
      parseImportArgs([
        'seattle.csv',
        '--place',
        'US/Seattle',
        '--source',
        'noaa-ghcn',
        '--rename',
        'temp_max=temperature_max_c, weather=condition',
        '--ignore',
        'notes,flags',
        '--batch',
        '1000',
        '--dry-run',
      ]),
    ).toEqual({
      file: 'seattle.csv',
      format: 'csv',
      kind: undefined,
      place: 'US/Seattle',
      source: 'noaa-ghcn',
      rename: new Map([
        ['temp_max', 'temperature_max_c'],
        ['weather', 'condition'],
      ]),
      ignore: new Set(['notes', 'flags']),
      batch: 1000,
      dryRun: true,
    });
  });

  it('tells the format by the extension, and takes - for standard input with --format', () => {
    expect(parseImportArgs(['a.NDJSON'])).toMatchObject({ format: 'ndjson', batch: DEFAULT_BATCH });
    expect(parseImportArgs(['a.jsonl'])).toMatchObject({ format: 'ndjson' });
    expect(parseImportArgs(['a.txt', '--format', 'csv'])).toMatchObject({ format: 'csv' });
    expect(parseImportArgs(['-', '--format', 'ndjson', '--kind', 'daily'])).toMatchObject({
      file: '-',
      format: 'ndjson',
      kind: 'daily',
    });
    expect(parseImportArgs(['--help'])).toBe('help');
  });

  it.each([
    [[], /^no file given/],
    [['a.csv', 'b.csv'], /^one file at a time/],
    [['a.csv', '--kind', 'hourly'], /^--kind must be one of observations, forecasts, daily/],
    [['-'], /^reading standard input needs --format csv or ndjson$/],
    [['a.txt'], /^cannot tell the format of "a.txt" by its name/],
    [['a.csv', '--format', 'tsv'], /^--format must be csv or ndjson/],
    [['a.csv', '--rename', 'temp_max'], /^--rename takes old=new pairs .* not "temp_max"$/],
    [['a.csv', '--rename', 'a=b=c'], /^--rename takes old=new pairs/],
    [['a.csv', '--rename', 'a=,b=c'], /^--rename takes old=new pairs .* not "a="$/],
    [['a.csv', '--rename', ','], /^--rename needs old=new pairs/],
    [['a.csv', '--rename', 'a=x,a=y'], /^--rename names column "a" twice/],
    [['a.csv', '--rename', 'a=x,b=x'], /^--rename gives two columns the name "x"/],
    [['a.csv', '--batch', '0'], /^--batch must be a whole number from 1 to 100000/],
    [['a.csv', '--batch', '1e3'], /^--batch must be a whole number/],
    [['a.csv', '--place', 'Seattle'], /^--place must be a place path such as GB\/London/],
    [['a.csv', '--source', 'NOAA GHCN'], /^--source must be 1 to 40 of a-z/],
    [['a.csv', '--source', 'demo'], /^--source "demo" is isobar's generated data/],
    [
      ['a.csv', '--frobnicate'],
      /^unknown option --frobnicate \(isobar import --help lists them\)$/,
    ],
    [['a.csv', '--kind'], /^Option '--kind <value>' argument missing/],
  ])('refuses %j in one line', (args, message) => {
    let error: Error | undefined;
    try {
      parseImportArgs(args);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).toBe('UsageError');
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });
});
