import { readPlaceRef } from '../contract/uris/place-uri.ts';
import {
  DAILY_QUANTITIES,
  type DailyValues,
  MEASURE_QUANTITIES,
  PRECIPITATION_CHANCE,
} from '../domain/weather/quantities.ts';
import {
  CONDITIONS,
  type Condition,
  DEMO_SOURCE,
  MAX_PERIOD_HOURS,
  type Measures,
  ROW_KINDS,
  type RowKind,
} from '../domain/weather/weather.ts';
import { calendarDay, EARLIEST, FieldReader, MAX_GEONAMES_ID, rowFields } from './field-reader.ts';

export { ROW_KINDS, type RowKind };

/** A bad row, by its place in the batch (0-based), the field at fault and why. */
export interface RowError {
  index: number;
  field: string;
  reason: string;
  /** For a repeated key: the index of the row it repeats. */
  duplicateOf?: number;
}

/** Why a row that repeats an earlier one's key is refused, the earlier one named as the reader knows it. */
export const duplicateReason = (earlier: string) =>
  `repeats the place, source and time of ${earlier}`;

/** A place as a row names it, before the catalog is asked: `GB/London` or a GeoNames id. */
export type PlaceName =
  | { text: string; countryCode: string; key: string }
  | { text: string; geonamesId: number };

interface RowBase {
  place: PlaceName;
  source: string;
}

export interface ObservationRow extends RowBase {
  observedAt: Date;
  nextUpdateAt: Date;
  measures: Measures;
}

export interface ForecastRow extends RowBase {
  issuedAt: Date;
  validAt: Date;
  nextUpdateAt: Date;
  precipitationProbabilityPct: number | null;
  periodHours: number;
  measures: Measures;
}

export interface DailyRow extends RowBase {
  /** The place's local date, YYYY-MM-DD. */
  date: string;
  condition: Condition | null;
  values: DailyValues;
}

export interface RowsOf {
  observations: ObservationRow;
  forecasts: ForecastRow;
  daily: DailyRow;
}

/** How far ahead of the clock an observation or an issue time may be (clocks drift). */
const CLOCK_SLACK_MS = 10 * 60_000;
/** How far a forecast may reach past its issue. */
const FORECAST_REACH_MS = 16 * 86_400_000;
/** When a source says nothing of its next update: an hour after the data (observations, issues). */
const DEFAULT_NEXT_UPDATE_MS = 3_600_000;
/**
 * How far ahead of the clock a source may say it publishes again (README, "Writing data"): a
 * source promising 9999-12-31 could never be flagged as behind.
 */
export const MAX_NEXT_UPDATE_DAYS = 7;
/**
 * The most fields a row may have. A row of every kind has fewer than 40 it can use; a row of
 * 130,000 is refused with one error rather than one per field.
 */
export const MAX_ROW_FIELDS = 100;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SOURCE = /^[a-z0-9][a-z0-9._-]{0,39}$/;

// The fields each kind of row reads (readRow below); any other is refused as a leftover.
const FIELDS = {
  daily: rowFields(['place', 'source', 'date', 'condition'], DAILY_QUANTITIES),
  observations: rowFields(
    ['place', 'source', 'observed_at', 'next_update_at', 'condition'],
    MEASURE_QUANTITIES,
  ),
  forecasts: rowFields(
    ['place', 'source', 'issued_at', 'valid_at', 'next_update_at', 'condition', 'period_hours'],
    [...MEASURE_QUANTITIES, PRECIPITATION_CHANCE],
  ),
};

/** Words sources use for a condition that isn't spelled as isobar spells it. */
const CONDITION_ALIASES: Record<string, Condition> = {
  sun: 'clear',
  sunny: 'clear',
  fair: 'clear',
  overcast: 'cloudy',
  mist: 'fog',
  thunder: 'thunderstorm',
};

// The places rows name, by how they spell them: a file names a few places many times over, and
// reading a path (case, UK for GB, the slug key) was a large share of reading its rows (the
// bench:import row "ratio (isobar / COPY)", bench/import.ts). Bounded:
// a file of many places forgets and reads again rather than growing without end.
const placesRead = new Map<string, Readonly<PlaceName> | string>();
const PLACES_REMEMBERED = 10_000;

function readPlace(r: FieldReader): PlaceName | undefined {
  const v = r.value('place');
  if (v === undefined) return r.fail('place', 'is required');
  const known = typeof v === 'string' ? placesRead.get(v) : undefined;
  const place = known ?? placeName(v);
  if (known === undefined && typeof v === 'string') {
    if (placesRead.size >= PLACES_REMEMBERED) placesRead.clear();
    placesRead.set(v, place);
  }
  return typeof place === 'string' ? r.fail('place', place) : place;
}

/** The place a value names, or why it names none. */
function placeName(v: unknown): Readonly<PlaceName> | string {
  const text = String(v).trim();
  if ((typeof v === 'number' && Number.isInteger(v) && v > 0) || /^\d+$/.test(text)) {
    const id = Number(text);
    if (id > MAX_GEONAMES_ID) return `is not a GeoNames id: ids run from 1 to ${MAX_GEONAMES_ID}`;
    return Object.freeze({ text, geonamesId: id });
  }
  const ref = typeof v === 'string' ? readPlaceRef(text) : null;
  if (!ref) return 'must be a place path such as GB/London, or a GeoNames id';
  return Object.freeze({ text, ...ref });
}

/** The source a raw row names, when it names one a row may have; for rows refused whole. */
export function sourceOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  return readSource(new FieldReader(raw as Record<string, unknown>, 0));
}

function readSource(r: FieldReader): string | undefined {
  const source = r.text('source', true);
  if (source === undefined) return undefined;
  if (!SOURCE.test(source)) {
    return r.fail(
      'source',
      'must be 1 to 40 of a-z, 0-9, ".", "_", "-", starting with a letter or digit',
    );
  }
  if (source === DEMO_SOURCE)
    return r.fail('source', `"${DEMO_SOURCE}" is isobar's generated data`);
  return source;
}

function readCondition(r: FieldReader, required: boolean): Condition | null | undefined {
  const text = r.text('condition', required);
  if (text === undefined) return required ? undefined : null;
  const word = text.toLowerCase().replace(/[\s_]+/g, '-');
  const condition = (CONDITIONS as readonly string[]).includes(word)
    ? (word as Condition)
    : CONDITION_ALIASES[word];
  return condition ?? r.fail('condition', `must be one of: ${CONDITIONS.join(', ')}`);
}

/** How many hours a forecast step covers: 1 unless the row says (`period_hours`, up to 24). */
function readPeriod(r: FieldReader): number | undefined {
  const v = r.value('period_hours');
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD_HOURS) {
    return r.fail('period_hours', `must be a whole number of hours from 1 to ${MAX_PERIOD_HOURS}`);
  }
  return n;
}

/**
 * The measures of an hour, read whatever its condition says: a bad condition is one problem, not
 * a reason to call every measure of the row a field it does not have. Undefined without one.
 */
function readMeasures(r: FieldReader, condition: Condition | undefined): Measures | undefined {
  const measures = { condition } as Measures;
  for (const quantity of MEASURE_QUANTITIES) measures[quantity.key] = r.quantity(quantity);
  return condition ? measures : undefined;
}

/** When the source publishes again, if it says: after the data, and within the bound from now. */
function readNextUpdate(r: FieldReader, now: Date, after: Date | undefined, afterField: string) {
  const next = r.instant('next_update_at', false);
  if (next && after && next <= after)
    return r.fail('next_update_at', `must be after ${afterField}`);
  if (next && next.getTime() > now.getTime() + MAX_NEXT_UPDATE_DAYS * 86_400_000) {
    return r.fail(
      'next_update_at',
      `is more than ${MAX_NEXT_UPDATE_DAYS} days from now; a source that is due later says so when it is`,
    );
  }
  return next;
}

function readDate(r: FieldReader, now: Date): string | undefined {
  const text = r.text('date', true);
  if (text === undefined) return undefined;
  const m = DATE.exec(text);
  const ms = m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : Number.NaN;
  if (!Number.isFinite(ms)) {
    return r.fail('date', 'must be a calendar date written YYYY-MM-DD');
  }
  if (ms < EARLIEST) return r.fail('date', 'is before 1800');
  // Somewhere on Earth it is already tomorrow; a day after that has not begun anywhere.
  if (ms > now.getTime() + 86_400_000) return r.fail('date', 'is in the future');
  return text;
}

type Reading<K extends RowKind> =
  | { row: RowsOf[K]; errors: [] }
  | { row?: undefined; errors: RowError[] };

/**
 * Reads one raw row (a JSON object, or a CSV line by its header) of a kind: the place and source,
 * the times, and each quantity in any unit it may be written in, converted to SI and checked
 * against what is physically possible. Every problem is reported, none is thrown.
 */
export function readRow<K extends RowKind>(
  kind: K,
  raw: unknown,
  index: number,
  now: Date,
): Reading<K> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ index, field: '', reason: 'must be an object of fields' }] };
  }
  const width = Object.keys(raw).length;
  if (width > MAX_ROW_FIELDS) {
    const reason = `has ${width} fields; a row has at most ${MAX_ROW_FIELDS}`;
    return { errors: [{ index, field: '', reason }] };
  }
  const r = new FieldReader(raw as Record<string, unknown>, index);
  const place = readPlace(r);
  const source = readSource(r);
  let row: RowsOf[RowKind] | undefined;
  if (kind === 'daily') {
    const date = readDate(r, now);
    const condition = readCondition(r, false);
    const values = {} as DailyValues;
    for (const quantity of DAILY_QUANTITIES) values[quantity.key] = r.quantity(quantity);
    r.leftovers(FIELDS.daily);
    if (place && source && date && condition !== undefined)
      row = { place, source, date, condition, values };
  } else if (kind === 'observations') {
    const observedAt = r.instant('observed_at', true, now.getTime() + CLOCK_SLACK_MS);
    const next = readNextUpdate(r, now, observedAt, 'observed_at');
    const measures = readMeasures(r, readCondition(r, true) ?? undefined);
    r.leftovers(FIELDS.observations);
    if (place && source && observedAt && measures) {
      const nextUpdateAt = next ?? new Date(observedAt.getTime() + DEFAULT_NEXT_UPDATE_MS);
      row = { place, source, observedAt, nextUpdateAt, measures };
    }
  } else {
    const issuedAt = r.instant('issued_at', true, now.getTime() + CLOCK_SLACK_MS);
    const validAt = r.instant('valid_at', true);
    const next = readNextUpdate(r, now, issuedAt, 'issued_at');
    const measures = readMeasures(r, readCondition(r, true) ?? undefined);
    const chance = r.quantity(PRECIPITATION_CHANCE);
    const periodHours = readPeriod(r);
    r.leftovers(FIELDS.forecasts);
    if (issuedAt && validAt && validAt.getTime() < issuedAt.getTime() - DEFAULT_NEXT_UPDATE_MS) {
      r.fail('valid_at', 'is more than an hour before issued_at');
    }
    if (issuedAt && validAt && validAt.getTime() > issuedAt.getTime() + FORECAST_REACH_MS) {
      r.fail('valid_at', 'is more than 16 days after issued_at');
    }
    if (place && source && issuedAt && validAt && measures && periodHours) {
      const nextUpdateAt = next ?? new Date(issuedAt.getTime() + DEFAULT_NEXT_UPDATE_MS);
      row = {
        place,
        source,
        issuedAt,
        validAt,
        nextUpdateAt,
        precipitationProbabilityPct: chance,
        periodHours,
        measures,
      };
    }
  }
  if (r.errors.length > 0 || !row)
    return {
      errors: r.errors.length > 0 ? r.errors : [{ index, field: '', reason: 'is incomplete' }],
    };
  return { row: row as RowsOf[K], errors: [] };
}
