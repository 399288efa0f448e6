import { Invalid } from '../../contract/protocol/request-errors.ts';
import type { RowKind } from '../row-reader.ts';
import type { ImportOptions } from './import-options.ts';

type Shaping = Pick<ImportOptions, 'rename' | 'ignore' | 'place' | 'source'>;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Makes a record of a file into a row as rows.ts reads it: columns dropped and renamed (both by
 * their name in the file), then the place and source given on the command line filled in where
 * the row names none. Anything but an object is passed on for the row reader to refuse.
 */
export function createShaper(options: Shaping): (fields: unknown) => unknown {
  const { rename, ignore, place, source } = options;
  const plain = rename.size === 0 && ignore.size === 0;
  return (fields) => {
    if (!isObject(fields)) return fields;
    // The file's record as it is when nothing changes it: a copy of every row cost as much as
    // a tenth of reading the file (bench:import).
    if (plain && place === undefined && source === undefined) return fields;
    // Else a new record, never the file's: the header check reads the file's columns from it.
    const row: Record<string, unknown> = plain ? { ...fields } : {};
    if (!plain) {
      for (const [name, value] of Object.entries(fields)) {
        if (!ignore.has(name)) row[rename.get(name) ?? name] = value;
      }
    }
    if (place !== undefined && row.place === undefined) row.place = place;
    if (source !== undefined && row.source === undefined) row.source = source;
    return row;
  };
}

/** The kind of rows a (shaped) row looks like, by its time column; null when it has none. */
export function detectKind(row: unknown): RowKind | null {
  if (!isObject(row)) return null;
  if ('observed_at' in row) return 'observations';
  if ('valid_at' in row) return 'forecasts';
  if ('date' in row) return 'daily';
  return null;
}

/**
 * Checks the options against a CSV header, where every row has every column: a rename or drop
 * of a column the file lacks is a typo, and --place or --source would never apply to a file
 * that has that column.
 */
export function checkHeader(columns: readonly string[], options: Shaping): void {
  const have = new Set(columns);
  const shown = columns.join(', ');
  for (const name of [...options.rename.keys(), ...options.ignore]) {
    if (!have.has(name)) throw new Invalid(`the file has no column "${name}" (it has ${shown})`);
  }
  for (const [from, to] of options.rename) {
    if (have.has(to) && !options.ignore.has(to) && !options.rename.has(to)) {
      throw new Invalid(`--rename ${from}=${to}: the file already has a column "${to}"`);
    }
  }
  const renamed = new Set(
    columns.filter((c) => !options.ignore.has(c)).map((c) => options.rename.get(c) ?? c),
  );
  for (const field of ['place', 'source'] as const) {
    if (options[field] !== undefined && renamed.has(field)) {
      throw new Invalid(
        `--${field} is for files without a ${field} column, and this one has one (--ignore it to use --${field})`,
      );
    }
  }
}
