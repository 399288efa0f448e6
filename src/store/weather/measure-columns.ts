import { getTableColumns } from 'drizzle-orm';
import type { Measures } from '../../domain/weather/weather.ts';
import {
  type ArrayParameter,
  type NumberElement,
  numberArray,
  textArray,
} from '../array-parameters.ts';
import { measures, observations } from '../schema.ts';

/** Every measure, in the order each weather statement lists its columns: the schema's order. */
export const MEASURE_KEYS: readonly (keyof Measures)[] = Object.freeze(
  Object.keys(measures) as (keyof Measures)[],
);

// Both weather tables spread the same `measures` map, so one table's columns name them for both.
const columns = getTableColumns(observations);

// Names and types are spliced into SQL text (only ever at module load, never a value): refuse
// anything that is not a plain identifier or type name, so a schema edit cannot inject SQL.
const checked = (text: string, pattern: RegExp): string => {
  if (!pattern.test(text)) throw new Error(`unexpected measure column SQL: ${text}`);
  return text;
};
const NAMES = MEASURE_KEYS.map((k) => checked(columns[k].name, /^[a-z_][a-z0-9_]*$/));
const TYPES = MEASURE_KEYS.map((k) => checked(columns[k].getSQLType(), /^[a-z][a-z0-9 ]*$/));

/** The measure columns, comma-separated, each prefixed with `alias.` when one is given. */
export function measureColumns(alias?: string): string {
  return NAMES.map((n) => (alias ? `${alias}.${n}` : n)).join(', ');
}

/** `$first::real[], …`: one typed array parameter per measure column, for `unnest`. */
export function measureArrayParams(first: number): string {
  return TYPES.map((type, i) => `$${first + i}::${type}[]`).join(', ');
}

/** `temperature_c = excluded.temperature_c, …`: an upsert's update of every measure. */
export const MEASURES_FROM_EXCLUDED = NAMES.map((n) => `${n} = excluded.${n}`).join(', ');

const ELEMENTS: Record<string, NumberElement | 'text'> = {
  real: 'float4',
  smallint: 'int2',
  integer: 'int4',
  'double precision': 'float8',
  text: 'text',
};
const ELEMENT = TYPES.map((type) => {
  const element = ELEMENTS[type];
  if (!element) throw new Error(`no array element type for the measure column type ${type}`);
  return element;
});

/**
 * One array per measure column, in MEASURE_KEYS order: the values for measureArrayParams
 * (array-parameters.ts).
 */
export function measureArrays(rows: readonly Measures[]): ArrayParameter[] {
  return MEASURE_KEYS.map((k, i) => {
    const values = rows.map((r) => r[k]);
    const element = ELEMENT[i]!;
    return element === 'text'
      ? textArray(values as string[])
      : numberArray(element, values as (number | null)[]);
  });
}

/** The measures stored at `t[first]…`, in MEASURE_KEYS order; the inverse of measureColumns. */
export function measuresAt(t: readonly unknown[], first: number): Measures {
  // A loop over the keys on a fresh object: no spread (see findPlaceWeather), and a new
  // column needs no change here.
  const m: Record<string, unknown> = {};
  for (let i = 0; i < MEASURE_KEYS.length; i++) m[MEASURE_KEYS[i]!] = t[first + i];
  return m as unknown as Measures;
}

/** The measures of row `i` of columns stored from `columns[first]` on; as measuresAt. */
export function measuresAtColumns(
  columns: readonly (readonly unknown[])[],
  first: number,
  i: number,
): Measures {
  const m: Record<string, unknown> = {};
  for (let k = 0; k < MEASURE_KEYS.length; k++) m[MEASURE_KEYS[k]!] = columns[first + k]?.[i];
  return m as unknown as Measures;
}
